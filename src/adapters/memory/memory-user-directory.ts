import type { UserChanges, UserDirectory, UserPageQuery } from '../../domain/users/user-directory.port.js';
import { compareText, sortedByText } from '../../domain/shared/compare-text.js';
import { containsText, type Page } from '../../domain/shared/page.js';
import { SortedIndex } from './sorted-index.js';
import type { User } from '../../domain/users/user.js';

/**
 * Users in process memory, lost on restart: for tests, demos and a single instance. Each user is
 * stored as a deeply frozen copy, so neither the saved object nor a returned one can change it.
 */
export class MemoryUserDirectory implements UserDirectory {
  private readonly users = new Map<string, User>();
  /** Usernames, sorted on write, so that a page is a binary search and a slice. */
  private readonly usernames = new SortedIndex<string>(compareText);

  async findByUsername(username: string): Promise<User | null> {
    return this.users.get(username) ?? null;
  }

  async list(): Promise<User[]> {
    return sortedByText(this.users.values(), (user) => user.username);
  }

  async listPage(query: UserPageQuery): Promise<Page<User>> {
    const { search } = query;
    const matches = (user: User) => search === null || containsText(user.username, search) || containsText(user.email, search);
    const items: User[] = [];
    let more = false;
    for (const username of this.usernames.from(query.after === null ? null : { key: query.after, id: query.after })) {
      const user = this.users.get(username);
      if (!user || !matches(user)) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(user);
    }
    let total = this.usernames.size;
    if (search !== null) total = [...this.users.values()].filter(matches).length;
    return { items, total, next: more ? (items.at(-1)?.username ?? null) : null };
  }

  async save(user: User): Promise<void> {
    if (!this.users.has(user.username)) this.usernames.set(user.username, user.username);
    this.users.set(user.username, deepFreeze(structuredClone(userFields(user))));
  }

  async update(username: string, changes: UserChanges, ifPasswordHash?: string): Promise<User | null> {
    const user = this.users.get(username);
    if (!user || (ifPasswordHash !== undefined && user.passwordHash !== ifPasswordHash)) return null;
    const changed = Object.freeze({
      ...user,
      passwordHash: changes.passwordHash ?? user.passwordHash,
      isStaff: changes.isStaff ?? user.isStaff,
      isActive: changes.isActive ?? user.isActive,
    });
    this.users.set(username, changed);
    return changed;
  }

  async recordLogin(username: string, at: number): Promise<void> {
    const user = this.users.get(username);
    if (user) this.users.set(username, Object.freeze({ ...user, lastLogin: at }));
  }

  async ping(): Promise<void> {}
}

function userFields(user: User): User {
  const { username, passwordHash, email, firstName, lastName, isStaff, isSuperuser, isActive, groups, dateJoined } = user;
  return {
    username,
    passwordHash,
    email,
    firstName,
    lastName,
    isStaff,
    isSuperuser,
    isActive,
    groups,
    dateJoined,
    lastLogin: user.lastLogin,
    attributes: user.attributes,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
