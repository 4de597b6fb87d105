import type { Page } from '../shared/page.js';
import type { User } from './user.js';

/** Which users a page holds, sorted by username. */
export interface UserPageQuery {
  /** At most this many items (1 or more). */
  limit: number;
  /** The username the previous page ended with (its `next`); null for the first page. */
  after: string | null;
  /** Only users whose username or email contain this text, letter case aside. */
  search: string | null;
}

/** The fields a change of password or of flags touches; every other field stays as stored. */
export type UserChanges = Partial<Pick<User, 'passwordHash' | 'isStaff' | 'isActive'>>;

/** The provider's users. Usernames are unique and compared exactly (case-sensitive). */
export interface UserDirectory {
  /** The user with this username; null when there is none. */
  findByUsername(username: string): Promise<User | null>;

  /** Every user, sorted by username. */
  list(): Promise<User[]>;

  /**
   * One page of users sorted by username, read through an index: the cost grows with the page, not
   * with the directory (a search scans what it must). `next` is the last username when more follow.
   */
  listPage(query: UserPageQuery): Promise<Page<User>>;

  /** Inserts the user, or replaces the one with the same username. */
  save(user: User): Promise<void>;

  /**
   * Sets the fields given and no other, in one atomic step, so that two changes made at once (a new
   * password and a deactivation, say) both stand. With `ifPasswordHash`, only while the stored hash is
   * still that one. The user as stored after the change; null when there is no such user, or when
   * its hash was another.
   */
  update(username: string, changes: UserChanges, ifPasswordHash?: string): Promise<User | null>;

  /** Sets a user's last login (ms since the epoch); a missing user is ignored. */
  recordLogin(username: string, at: number): Promise<void>;

  /** Resolves when the backend answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}
