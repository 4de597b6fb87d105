import type { UserFilterValue } from '../../domain/admin/staff.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { PAGE_LIMIT_DEFAULT, type Page } from '../../domain/shared/page.js';
import { searchText } from '../credentials/list-api-keys.js';
import { summarizeUser, type UserSummary } from './user-summary.js';

export interface ListUsersDeps {
  userDirectory: UserDirectory;
  config: { admin: { userFilter: Readonly<Record<string, UserFilterValue>> } };
}

/** Which page of users: `limit` (50 by default) after `cursor`, those whose username or email contain `q`. */
export interface UserQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
  q?: string | undefined;
}

/** A page of users, sorted by username, each marked with whether keys may be bound to it. */
export class ListUsers {
  constructor(private readonly deps: ListUsersDeps) {}

  async execute(query: UserQuery = {}): Promise<Page<UserSummary>> {
    const filter = this.deps.config.admin.userFilter;
    const page = await this.deps.userDirectory.listPage({
      limit: query.limit ?? PAGE_LIMIT_DEFAULT,
      after: query.cursor ?? null,
      search: searchText(query.q),
    });
    return { ...page, items: page.items.map((user) => summarizeUser(user, filter)) };
  }
}
