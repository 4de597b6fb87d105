import type { Passkey } from './passkey.js';

/** Users' passkeys, in the store (memory or MongoDB). Times are ms since the epoch. */
export interface PasskeyStore {
  /** The passkey with this credential id, whoever's it is; null when there is none. */
  find(id: string): Promise<Passkey | null>;

  /** A user's passkeys, oldest first; empty when they have none. */
  listFor(username: string): Promise<Passkey[]>;

  /** Adds a passkey; false (and nothing changed) when one with the same credential id exists already. */
  add(passkey: Passkey): Promise<boolean>;

  /**
   * Records a login with the passkey: its new counter and when, in one atomic step, only while its
   * stored counter is still `seenCounter` (of two logins that read the same counter, one wins).
   * False when it did not (another use won, or the passkey is gone).
   */
  recordUse(id: string, use: { counter: number; at: number }, seenCounter: number): Promise<boolean>;

  /** Renames one of `username`'s passkeys; false when they have none with this id. */
  rename(username: string, id: string, name: string): Promise<boolean>;

  /** Removes one of `username`'s passkeys; false when they have none with this id. */
  remove(username: string, id: string): Promise<boolean>;

  /** Removes every passkey of `username`; how many there were. */
  removeAllFor(username: string): Promise<number>;
}
