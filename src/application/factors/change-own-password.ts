import type { EndUserSessions } from '../sessions/end-user-sessions.js';
import type { AuthenticateUser } from '../users/authenticate-user.js';
import { factorErrors } from '../../domain/factors/factors.errors.js';
import type { PasswordHasher } from '../../domain/users/password-hasher.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { userErrors } from '../../domain/users/user.errors.js';

export interface ChangeOwnPasswordDeps {
  authenticateUser: AuthenticateUser;
  passwordHasher: PasswordHasher;
  userDirectory: UserDirectory;
  endUserSessions: EndUserSessions;
}

/** The shortest password a user may choose (as the admin's forms require). */
export const PASSWORD_MIN_LENGTH = 8;

export interface OwnPasswordChange {
  username: string;
  current: string;
  next: string;
  repeated: string;
  /** The client's address as the HTTP edge determined it: a wrong current password counts toward the lockout. */
  address: string;
}

/**
 * A user changes their own password: the current one is checked as a login checks it (counted toward
 * the same lockout), then the new one saved, and every session of the user ended, as an admin's
 * change ends them. Resolves the new session floor, under which the caller begins this browser's
 * session again.
 */
export class ChangeOwnPassword {
  constructor(private readonly deps: ChangeOwnPasswordDeps) {}

  async execute(change: OwnPasswordChange): Promise<string> {
    const { authenticateUser, passwordHasher, userDirectory, endUserSessions } = this.deps;
    if (change.next.length < PASSWORD_MIN_LENGTH) throw factorErrors.passwordTooShort(PASSWORD_MIN_LENGTH);
    if (change.next !== change.repeated) throw factorErrors.passwordsDiffer();
    const { user } = await authenticateUser.execute({
      username: change.username,
      password: change.current,
      address: change.address,
    });
    // Only while the hash is still the one just checked: a change made meanwhile is not overwritten blindly.
    const changed = await userDirectory.update(
      user.username,
      { passwordHash: await passwordHasher.hash(change.next) },
      user.passwordHash,
    );
    if (!changed) throw userErrors.invalidCredentials();
    return endUserSessions.execute(user.username);
  }
}
