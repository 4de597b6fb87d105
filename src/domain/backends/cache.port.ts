/**
 * Short-lived shared state: replay nonces, SSO tokens, sessions, rate-limit counters.
 *
 * Keys are plain strings; adapters may prefix them. Every TTL is in whole seconds and must be >= 1.
 * Several Signet instances sharing one Cache must see the same values, so every method is atomic.
 * A method that takes several keys needs them to share their `{tag}` (the part in braces), since a
 * clustered backend keeps only keys with the same tag together.
 * When the backend cannot be reached, a method rejects with BackendUnavailableError.
 */
export interface Cache {
  /** The value stored under `key`, or null when there is none or it has expired. */
  get(key: string): Promise<string | null>;

  /** Stores `value` under `key` for `ttlSeconds`, replacing any value and TTL already there. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;

  /** Stores `value` only when `key` holds nothing; true when this call stored it. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;

  /** Stores `value` only when `key` holds a value (replacing it and its TTL); true when this call stored it. */
  replace(key: string, value: string, ttlSeconds: number): Promise<boolean>;

  /** Reads and deletes `key` in one step: of two concurrent takes, only one gets the value; null on a miss. */
  take(key: string): Promise<string | null>;

  /**
   * Takes `fromKey` and, when it held a value, stores `value` under `toKey` for `ttlSeconds`, in one
   * step: of two concurrent exchanges only one gets the old value and writes. Returns what `fromKey`
   * held, or null (and writes nothing). Both keys must share their `{tag}`.
   */
  exchange(fromKey: string, toKey: string, value: string, ttlSeconds: number): Promise<string | null>;

  /** Removes `key`; a miss is not an error. */
  delete(key: string): Promise<void>;

  /**
   * Adds one to the counter under each key, in order, creating it at 1 with a TTL of `windowSeconds`
   * when absent; the TTL is not extended by later increments. Returns each counted key's new count and
   * the seconds left in its window, in the order given. With `limits` (one per key), counting stops
   * at the first key whose new count goes over its limit: the keys after it are not counted (nor
   * created), and the result is only as long as the keys counted. The keys must share their `{tag}`.
   */
  increment(keys: readonly string[], windowSeconds: number, limits?: readonly number[]): Promise<CounterState[]>;

  /**
   * Remembers `key` within `scope` for `ttlSeconds` unless it is remembered already, and says since
   * when this cache has remembered keys like it: the scope's keys, or the group of them `key` falls
   * in, where a cache spreads a scope over several servers that can each lose their data. A cache that
   * lost its data (a restart without persistence) forgets that moment too: it then remembers from the
   * first whole second after (see `horizonAfter`). Times are ms since the epoch.
   */
  rememberOnce(scope: string, key: string, ttlSeconds: number): Promise<RememberedKey>;

  /**
   * Marks, unless it is marked, the moment from which the scope's keys are remembered: the first whole
   * second after now. Called as Signet starts, so that only a loss of data, not a first use, moves it.
   */
  beginRemembering(scope: string): Promise<void>;

  /** Resolves when the backend answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}

export interface CounterState {
  /** The count after this increment. */
  count: number;
  /** Whole seconds until the counter expires, at least 1. */
  secondsLeft: number;
}

export interface RememberedKey {
  /** False when the key was already remembered: a replay. */
  firstTime: boolean;
  /** Since when (ms since the epoch) the cache has remembered the key's scope (or its group of it) without a loss. */
  rememberingSince: number;
}

/**
 * Where a cache that starts remembering (new, or emptied by a loss) puts its horizon: the first whole
 * second after `now`. Requests carry whole-second dates, so a request dated in the second the cache
 * started, before it started, could have been seen before: it must read as dated before the horizon.
 * That holds when `now` falls exactly on a whole second too, since a request accepted in that same
 * millisecond, before the loss, is dated by it. (One accepted earlier, by a correct clock, is dated
 * before the loss, so before this too.)
 */
export function horizonAfter(now: number): number {
  return (Math.floor(now / 1000) + 1) * 1000;
}

/** Throws unless `seconds` is a TTL every adapter accepts: a whole number >= 1. */
export function assertTtl(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new RangeError(`a TTL must be a whole number of seconds >= 1, got ${seconds}`);
  }
}
