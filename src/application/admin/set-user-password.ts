import { adminErrors } from '../../domain/admin/admin.errors.js';
import type { UserFilterValue } from '../../domain/admin/staff.js';
import type { PasswordHasher } from '../../domain/users/password-hasher.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { EndUserSessions } from '../sessions/end-user-sessions.js';
import { summarizeUser, type UserSummary } from './user-summary.js';

export interface SetUserPasswordDeps {
  userDirectory: UserDirectory;
  passwordHasher: PasswordHasher;
  endUserSessions: EndUserSessions;
  config: { admin: { userFilter: Readonly<Record<string, UserFilterValue>> } };
}

/**
 * Gives a user a new password, hashed with the current parameters, and ends every session they have:
 * whoever logged in with the old one is out at their next request.
 */
export class SetUserPassword {
  constructor(private readonly deps: SetUserPasswordDeps) {}

  async execute(username: string, password: string): Promise<UserSummary> {
    const { userDirectory, passwordHasher } = this.deps;
    const user = await userDirectory.findByUsername(username);
    if (!user) throw adminErrors.userNotFound(username);
    // Only the hash is written: a change of flags made meanwhile stands.
    const changed = await userDirectory.update(user.username, { passwordHash: await passwordHasher.hash(password) });
    if (!changed) throw adminErrors.userNotFound(username);
    await this.deps.endUserSessions.execute(user.username);
    return summarizeUser(changed, this.deps.config.admin.userFilter);
  }
}
