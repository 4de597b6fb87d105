import { adminErrors } from '../../domain/admin/admin.errors.js';
import type { UserFilterValue } from '../../domain/admin/staff.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { EndUserSessions } from '../sessions/end-user-sessions.js';
import { summarizeUser, type UserSummary } from './user-summary.js';

export interface SetUserFlagsDeps {
  userDirectory: UserDirectory;
  endUserSessions: EndUserSessions;
  config: { admin: { userFilter: Readonly<Record<string, UserFilterValue>> } };
}

export interface UserFlags {
  username: string;
  isStaff?: boolean | undefined;
  isActive?: boolean | undefined;
}

/**
 * Sets a user's staff and active flags. Nobody takes their own staff flag away or deactivates
 * themselves: the last staff user could lock everyone out of the admin that way. A deactivated user's
 * sessions end at once.
 */
export class SetUserFlags {
  constructor(private readonly deps: SetUserFlagsDeps) {}

  /** `actingUsername`: the Signet user making the change, if any. */
  async execute(flags: UserFlags, actingUsername: string | null): Promise<UserSummary> {
    const { userDirectory } = this.deps;
    const user = await userDirectory.findByUsername(flags.username);
    if (!user) throw adminErrors.userNotFound(flags.username);
    if (actingUsername === user.username && (flags.isStaff === false || flags.isActive === false)) throw adminErrors.ownAccount();
    // Only the flags are written: a new password saved meanwhile stands.
    const changed = await userDirectory.update(user.username, { isStaff: flags.isStaff, isActive: flags.isActive });
    if (!changed) throw adminErrors.userNotFound(flags.username);
    if (user.isActive && !changed.isActive) await this.deps.endUserSessions.execute(user.username);
    return summarizeUser(changed, this.deps.config.admin.userFilter);
  }
}
