import type { AppLogin, LoginProtocol } from './app-login.js';

/** The logins of one app through one protocol on one UTC day (`2026-12-08`). */
export interface DayTally {
  readonly day: string;
  readonly app: string;
  readonly protocol: LoginProtocol;
  readonly logins: number;
  /** The time of that day's last login, ms since the epoch. */
  readonly lastAt: number;
}

/** A user's logins to one app through one protocol over some days. */
export interface UserTally {
  readonly username: string;
  readonly logins: number;
  /** The last of those days the user logged in on. */
  readonly lastDay: string;
}

/**
 * Counts the logins that end in each app, per protocol and UTC day, for the migration meter. Several
 * Signet instances sharing one meter count together: every count is one atomic step, so a burst of
 * concurrent logins loses none. A day's counts are kept METER_RETENTION_SECONDS after its first
 * login, then forgotten. When the backend cannot be reached, a method rejects with
 * BackendUnavailableError.
 */
export interface LoginMeter {
  /**
   * Counts one login on the UTC day of `login.at`: one more for its app and protocol, the day's last
   * login moved to `login.at` when later, and one more for the user (named only while the day has
   * fewer than USERS_NAMED_PER_DAY users for that app and protocol, or already names this one).
   */
  count(login: AppLogin): Promise<void>;

  /** Every app and protocol with a login on each of these days (`2026-12-08`); none for a day without. */
  tallies(days: readonly string[]): Promise<DayTally[]>;

  /** The users named for `app` and `protocol` on these days, each with their logins summed; in no order. */
  users(app: string, protocol: LoginProtocol, days: readonly string[]): Promise<UserTally[]>;
}
