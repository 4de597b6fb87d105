import { adminErrors } from '../../domain/admin/admin.errors.js';
import type { UserFilterValue } from '../../domain/admin/staff.js';
import type { PasswordHasher } from '../../domain/ports/password-hasher.port.js';
import type { UserDirectory } from '../../domain/ports/user-directory.port.js';
import { summarizeUser, type UserSummary } from './user-summary.js';

export interface SetUserPasswordDeps {
  userDirectory: UserDirectory;
  passwordHasher: PasswordHasher;
  config: { admin: { userFilter: Readonly<Record<string, UserFilterValue>> } };
}

/** Gives a user a new password, hashed with the current parameters. */
export class SetUserPassword {
  constructor(private readonly deps: SetUserPasswordDeps) {}

  async execute(username: string, password: string): Promise<UserSummary> {
    const { userDirectory, passwordHasher } = this.deps;
    const user = await userDirectory.findByUsername(username);
    if (!user) throw adminErrors.userNotFound(username);
    const changed = { ...user, passwordHash: await passwordHasher.hash(password) };
    await userDirectory.save(changed);
    return summarizeUser(changed, this.deps.config.admin.userFilter);
  }
}
