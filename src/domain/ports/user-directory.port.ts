import type { User } from '../users/user.js';

/** The provider's users. Usernames are unique and compared exactly (case-sensitive). */
export interface UserDirectory {
  /** The user with this username; null when there is none. */
  findByUsername(username: string): Promise<User | null>;

  /** Every user, sorted by username. */
  list(): Promise<User[]>;

  /** Inserts the user, or replaces the one with the same username. */
  save(user: User): Promise<void>;

  /** Sets a user's last login (ms since the epoch); a missing user is ignored. */
  recordLogin(username: string, at: number): Promise<void>;

  /** Resolves when the backend answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}
