import { assertTtl, horizonAfter, type Cache, type CounterState, type RememberedKey } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';

export interface MemoryCacheDeps {
  clock: Clock;
}

interface Entry {
  value: string;
  /** Milliseconds since the epoch, by the injected clock. */
  expiresAt: number;
}

/** Writes between two sweeps of expired entries, at the least. */
const SWEEP_EVERY = 1000;

/**
 * A Cache held in this process. Only for a single instance: other Signet processes cannot see it.
 * Expiry follows the injected clock; no timer runs, so it never keeps the process alive.
 */
export class MemoryCache implements Cache {
  private readonly clock: Clock;
  private readonly entries = new Map<string, Entry>();
  /**
   * What rememberOnce remembers, apart from the entries: by scope and key, the moment it may be
   * forgotten. A number per key rather than an entry object: a busy API key's nonces are the most
   * numerous thing this cache holds (every v2 request of the last few minutes).
   */
  private readonly remembered = new Map<string, number>();
  private readonly seen: RememberedKey;
  private readonly fresh: RememberedKey;
  private writesSinceSweep = 0;
  private writesBeforeSweep = SWEEP_EVERY;

  constructor(deps: MemoryCacheDeps) {
    this.clock = deps.clock;
    // A memory cache's data lives as long as it does: it remembers from its first whole second.
    const rememberingSince = horizonAfter(deps.clock.now());
    // The two possible answers of rememberOnce, made once: it runs on every v2 request.
    this.seen = Object.freeze({ firstTime: false, rememberingSince });
    this.fresh = Object.freeze({ firstTime: true, rememberingSince });
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.write(key, value, ttlSeconds);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    assertTtl(ttlSeconds);
    if (this.live(key)) return false;
    this.write(key, value, ttlSeconds);
    return true;
  }

  async replace(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    assertTtl(ttlSeconds);
    if (!this.live(key)) return false;
    this.write(key, value, ttlSeconds);
    return true;
  }

  async take(key: string): Promise<string | null> {
    const entry = this.live(key);
    if (!entry) return null;
    this.entries.delete(key);
    return entry.value;
  }

  async exchange(fromKey: string, toKey: string, value: string, ttlSeconds: number): Promise<string | null> {
    assertTtl(ttlSeconds);
    const taken = await this.take(fromKey);
    if (taken !== null) this.write(toKey, value, ttlSeconds);
    return taken;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(keys: readonly string[], windowSeconds: number, limits?: readonly number[]): Promise<CounterState[]> {
    assertTtl(windowSeconds);
    const states: CounterState[] = [];
    for (const [index, key] of keys.entries()) {
      const state = this.incrementOne(key, windowSeconds);
      states.push(state);
      if (state.count > (limits?.[index] ?? Infinity)) break;
    }
    return states;
  }

  async rememberOnce(scope: string, key: string, ttlSeconds: number): Promise<RememberedKey> {
    assertTtl(ttlSeconds);
    const id = `${scope}\u0000${key}`;
    const now = this.clock.now();
    const until = this.remembered.get(id);
    if (until !== undefined && until > now) return this.seen;
    this.remembered.set(id, now + ttlSeconds * 1000);
    this.counted();
    return this.fresh;
  }

  async beginRemembering(): Promise<void> {}

  async ping(): Promise<void> {}

  /** How many live entries the cache holds: for tests and diagnostics. */
  get size(): number {
    let live = 0;
    const now = this.clock.now();
    for (const entry of this.entries.values()) if (entry.expiresAt > now) live += 1;
    for (const until of this.remembered.values()) if (until > now) live += 1;
    return live;
  }

  private incrementOne(key: string, windowSeconds: number): CounterState {
    const entry = this.live(key);
    if (!entry) {
      this.write(key, '1', windowSeconds);
      return { count: 1, secondsLeft: windowSeconds };
    }
    const count = Number(entry.value) + 1;
    if (!Number.isSafeInteger(count)) throw new Error(`the value under ${key} is not a counter`);
    entry.value = String(count);
    const secondsLeft = Math.max(1, Math.ceil((entry.expiresAt - this.clock.now()) / 1000));
    return { count, secondsLeft };
  }

  /** The entry under `key` if it has not expired; an expired one is dropped on the way. */
  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, value: string, ttlSeconds: number): void {
    assertTtl(ttlSeconds);
    this.entries.set(key, { value, expiresAt: this.clock.now() + ttlSeconds * 1000 });
    this.counted();
  }

  private counted(): void {
    this.writesSinceSweep += 1;
    if (this.writesSinceSweep >= this.writesBeforeSweep) this.sweep();
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    for (const [id, until] of this.remembered) {
      if (until <= now) this.remembered.delete(id);
    }
    this.writesSinceSweep = 0;
    // Waiting for as many writes as the sweep kept makes its cost constant per write, and still
    // bounds the Maps to about twice what survived the last sweep.
    this.writesBeforeSweep = Math.max(SWEEP_EVERY, this.entries.size + this.remembered.size);
  }
}
