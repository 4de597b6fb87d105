import { adminErrors } from '../../domain/admin/admin.errors.js';
import { matchesUserFilter, type UserFilterValue } from '../../domain/admin/staff.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';

export interface RequireBindableUserDeps {
  userDirectory: UserDirectory;
  config: { admin: { userFilter: Readonly<Record<string, UserFilterValue>> } };
}

/**
 * Refuses to bind a key to a user API_AUTH_ADMIN_USER_FILTER leaves out (`admin.user_not_bindable`).
 * No user (an anonymous key) and an unknown one pass: the key's own checks name the unknown one.
 */
export class RequireBindableUser {
  constructor(private readonly deps: RequireBindableUserDeps) {}

  async execute(username: string | null | undefined): Promise<void> {
    if (!username) return;
    const user = await this.deps.userDirectory.findByUsername(username);
    if (user && !matchesUserFilter(user, this.deps.config.admin.userFilter)) throw adminErrors.userNotBindable(username);
  }
}
