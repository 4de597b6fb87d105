/**
 * Short-lived shared state: replay nonces, SSO tokens, sessions, rate-limit counters.
 * Keys are plain strings; adapters may prefix them. Every TTL is in whole seconds and must be >= 1.
 * Several Signet instances sharing one Cache must see the same values, so every method is atomic.
 */
export interface Cache {
  /** The value stored under `key`, or null when there is none or it has expired. */
  get(key: string): Promise<string | null>;

  /** Stores `value` under `key` for `ttlSeconds`, replacing any value and TTL already there. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;

  /** Stores `value` only when `key` holds nothing; true when this call stored it. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;

  /** Reads and deletes `key` in one step: of two concurrent takes, only one gets the value; null on a miss. */
  take(key: string): Promise<string | null>;

  /** Removes `key`; a miss is not an error. */
  delete(key: string): Promise<void>;

  /**
   * Adds one to the counter under `key`, creating it at 1 with a TTL of `windowSeconds` when absent.
   * The TTL is not extended by later increments. Returns the new count and the seconds left in the window.
   */
  increment(key: string, windowSeconds: number): Promise<CounterState>;

  /** Resolves when the backend answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}

export interface CounterState {
  /** The count after this increment. */
  count: number;
  /** Whole seconds until the counter expires, at least 1. */
  secondsLeft: number;
}
