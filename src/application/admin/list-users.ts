import type { UserFilterValue } from '../../domain/admin/staff.js';
import type { UserDirectory } from '../../domain/ports/user-directory.port.js';
import { summarizeUser, type UserSummary } from './user-summary.js';

export interface ListUsersDeps {
  userDirectory: UserDirectory;
  config: { admin: { userFilter: Readonly<Record<string, UserFilterValue>> } };
}

/** Every user, sorted by username, each marked with whether keys may be bound to it. */
export class ListUsers {
  constructor(private readonly deps: ListUsersDeps) {}

  async execute(): Promise<UserSummary[]> {
    const filter = this.deps.config.admin.userFilter;
    return (await this.deps.userDirectory.list()).map((user) => summarizeUser(user, filter));
  }
}
