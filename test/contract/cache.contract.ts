import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/domain/backends/cache.port.js';

/** What a backend's test file hands the suite: a fresh, empty cache and a way to let time pass. */
export interface CacheHarness {
  cache: Cache;
  /**
   * Lets `seconds` pass as the cache sees it, without sleeping: a fixed clock moves; a real backend's
   * remaining TTLs are shortened by as much (and the clock the adapter reads moves too).
   */
  advance(seconds: number): Promise<void>;
  /** The clock the adapter reads, in ms since the epoch. */
  now(): number;
  /** Loses everything the cache holds, as a restart without persistence does; resolves the cache to use after. */
  loseData(): Promise<Cache>;
  close(): Promise<void>;
}

/** The behaviour every Cache adapter must show; each test gets its own harness. */
export function cacheContract(name: string, makeHarness: () => Promise<CacheHarness>): void {
  describe(`${name} honours the Cache contract`, () => {
    let harness: CacheHarness;
    let cache: Cache;

    beforeEach(async () => {
      harness = await makeHarness();
      cache = harness.cache;
    });

    afterEach(async () => {
      await harness.close();
    });

    async function count(key: string, windowSeconds: number): Promise<number> {
      const [state] = await cache.increment([key], windowSeconds);
      return state?.count ?? 0;
    }

    describe('get and set', () => {
      it('a key that was never set reads as null', async () => {
        expect(await cache.get('never-set')).toBeNull();
      });

      it('a value that was set reads back', async () => {
        await cache.set('k', 'v', 60);
        expect(await cache.get('k')).toBe('v');
      });

      it('set replaces the value already there', async () => {
        await cache.set('k', 'first', 60);
        await cache.set('k', 'second', 60);
        expect(await cache.get('k')).toBe('second');
      });

      it('set replaces the TTL already there', async () => {
        await cache.set('k', 'short', 1);
        await cache.set('k', 'long', 60);
        await harness.advance(1.1);
        expect(await cache.get('k')).toBe('long');
      });

      it('a value is gone once its TTL has passed', async () => {
        await cache.set('k', 'v', 1);
        await harness.advance(1.1);
        expect(await cache.get('k')).toBeNull();
      });

      it('a TTL that is not a whole number of seconds of at least one is refused', async () => {
        await expect(cache.set('k', 'v', 0)).rejects.toThrow();
        await expect(cache.set('k', 'v', 1.5)).rejects.toThrow();
        await expect(cache.setIfAbsent('k', 'v', 0)).rejects.toThrow();
        await expect(cache.increment(['k'], 0)).rejects.toThrow();
        await expect(cache.rememberOnce('s', 'k', 0)).rejects.toThrow();
        await expect(cache.exchange('{t}:a', '{t}:b', 'v', 0)).rejects.toThrow();
      });
    });

    describe('setIfAbsent', () => {
      it('stores the value and says so when the key is free', async () => {
        expect(await cache.setIfAbsent('k', 'v', 60)).toBe(true);
        expect(await cache.get('k')).toBe('v');
      });

      it('leaves a value already there alone and says it did not store', async () => {
        await cache.setIfAbsent('k', 'first', 60);
        expect(await cache.setIfAbsent('k', 'second', 60)).toBe(false);
        expect(await cache.get('k')).toBe('first');
      });

      it('stores again once the earlier value has expired', async () => {
        await cache.setIfAbsent('k', 'first', 1);
        await harness.advance(1.1);
        expect(await cache.setIfAbsent('k', 'second', 60)).toBe(true);
        expect(await cache.get('k')).toBe('second');
      });

      it('of 50 concurrent racers for one key, exactly one stores', async () => {
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => cache.setIfAbsent('k', `racer ${i}`, 60)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await cache.get('k')).toBe(`racer ${results.indexOf(true)}`);
      });
    });

    describe('replace', () => {
      it('stores over a value that is there, with its own TTL, and says so', async () => {
        await cache.set('k', 'first', 60);
        expect(await cache.replace('k', 'second', 1)).toBe(true);
        expect(await cache.get('k')).toBe('second');
        await harness.advance(1.1);
        expect(await cache.get('k')).toBeNull();
      });

      it('stores nothing where there is no value, or it has expired', async () => {
        expect(await cache.replace('k', 'v', 60)).toBe(false);
        expect(await cache.get('k')).toBeNull();
        await cache.set('gone', 'v', 1);
        await harness.advance(1.1);
        expect(await cache.replace('gone', 'v', 60)).toBe(false);
        expect(await cache.get('gone')).toBeNull();
      });

      it('does not bring back a value deleted while it was being replaced', async () => {
        await cache.set('k', 'v', 60);
        await Promise.all([cache.delete('k'), cache.replace('k', 'again', 60)]);
        await cache.replace('k', 'later', 60);
        expect(await cache.get('k')).toBeNull();
      });
    });

    describe('exchange', () => {
      it('takes the first key and stores the second, returning what the first held', async () => {
        await cache.set('{t}:from', 'pending', 60);
        expect(await cache.exchange('{t}:from', '{t}:to', 'granted', 60)).toBe('pending');
        expect(await cache.get('{t}:from')).toBeNull();
        expect(await cache.get('{t}:to')).toBe('granted');
      });

      it('writes nothing when the first key holds nothing', async () => {
        expect(await cache.exchange('{t}:from', '{t}:to', 'granted', 60)).toBeNull();
        expect(await cache.get('{t}:to')).toBeNull();
      });

      it('gives the second key its own TTL', async () => {
        await cache.set('{t}:from', 'pending', 60);
        await cache.exchange('{t}:from', '{t}:to', 'granted', 1);
        await harness.advance(1.1);
        expect(await cache.get('{t}:to')).toBeNull();
      });

      it('of 50 concurrent exchanges, exactly one gets the value and writes', async () => {
        await cache.set('{t}:from', 'pending', 60);
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => cache.exchange('{t}:from', '{t}:to', `grant ${i}`, 60)),
        );
        expect(results.filter((value) => value === 'pending')).toHaveLength(1);
        expect(await cache.get('{t}:to')).toBe(`grant ${results.indexOf('pending')}`);
      });
    });

    describe('rememberOnce', () => {
      it('says a key is new the first time and seen after', async () => {
        expect((await cache.rememberOnce('scope', 'nonce-1', 60)).firstTime).toBe(true);
        expect((await cache.rememberOnce('scope', 'nonce-1', 60)).firstTime).toBe(false);
        expect((await cache.rememberOnce('scope', 'nonce-2', 60)).firstTime).toBe(true);
      });

      it('keeps scopes apart', async () => {
        await cache.rememberOnce('one', 'nonce', 60);
        expect((await cache.rememberOnce('two', 'nonce', 60)).firstTime).toBe(true);
      });

      it('forgets a key once its TTL has passed', async () => {
        await cache.rememberOnce('scope', 'nonce', 1);
        await harness.advance(1.1);
        expect((await cache.rememberOnce('scope', 'nonce', 60)).firstTime).toBe(true);
      });

      it('says since when it has remembered: the first whole second after it began, holding while it keeps its data', async () => {
        const began = harness.now();
        await cache.beginRemembering('scope');
        const first = await cache.rememberOnce('scope', 'a', 60);
        expect(first.rememberingSince % 1000).toBe(0);
        expect(first.rememberingSince).toBeGreaterThan(began);
        expect(first.rememberingSince).toBeLessThanOrEqual(began + 1000);
        await harness.advance(30);
        await cache.beginRemembering('scope');
        expect((await cache.rememberOnce('scope', 'b', 60)).rememberingSince).toBe(first.rememberingSince);
      });

      it('after losing its data, forgets every key and remembers only since then', async () => {
        await cache.rememberOnce('scope', 'nonce', 60);
        await harness.advance(5);
        const lostAt = harness.now();
        cache = await harness.loseData();
        const after = await cache.rememberOnce('scope', 'nonce', 60);
        expect(after.firstTime).toBe(true);
        // After the loss: a request dated in the second of the loss could have been seen before it,
        // even when the loss falls exactly on a whole second.
        expect(after.rememberingSince).toBeGreaterThan(lostAt);
        expect(after.rememberingSince % 1000).toBe(0);
      });

      it('of 50 concurrent racers for one key, exactly one is first', async () => {
        const results = await Promise.all(Array.from({ length: 50 }, () => cache.rememberOnce('scope', 'nonce', 60)));
        expect(results.filter((result) => result.firstTime)).toHaveLength(1);
        expect(new Set(results.map((result) => result.rememberingSince)).size).toBe(1);
      });
    });

    describe('take', () => {
      it('returns the value and removes it', async () => {
        await cache.set('k', 'v', 60);
        expect(await cache.take('k')).toBe('v');
        expect(await cache.get('k')).toBeNull();
      });

      it('a take of a missing key is null', async () => {
        expect(await cache.take('missing')).toBeNull();
      });

      it('of 20 concurrent takes of one key, exactly one gets the value', async () => {
        await cache.set('k', 'once', 60);
        const results = await Promise.all(Array.from({ length: 20 }, () => cache.take('k')));
        expect(results.filter((value) => value === 'once')).toHaveLength(1);
        expect(results.filter((value) => value === null)).toHaveLength(19);
      });
    });

    describe('delete', () => {
      it('removes a value', async () => {
        await cache.set('k', 'v', 60);
        await cache.delete('k');
        expect(await cache.get('k')).toBeNull();
      });

      it('deleting a missing key is not an error', async () => {
        await expect(cache.delete('missing')).resolves.toBeUndefined();
      });
    });

    describe('increment', () => {
      it('counts 1, 2, 3 within a window', async () => {
        const counts: number[] = [];
        for (let i = 0; i < 3; i += 1) counts.push(await count('c', 60));
        expect(counts).toEqual([1, 2, 3]);
      });

      it('reports the whole seconds left, more than none and no more than the window', async () => {
        for (let i = 0; i < 2; i += 1) {
          const [state] = await cache.increment(['c'], 60);
          const secondsLeft = state?.secondsLeft ?? 0;
          expect(Number.isInteger(secondsLeft)).toBe(true);
          expect(secondsLeft).toBeGreaterThan(0);
          expect(secondsLeft).toBeLessThanOrEqual(60);
        }
      });

      it('restarts at 1 once the window has passed', async () => {
        await cache.increment(['c'], 1);
        await cache.increment(['c'], 1);
        await harness.advance(1.1);
        expect(await cache.increment(['c'], 1)).toEqual([{ count: 1, secondsLeft: 1 }]);
      });

      it('later increments do not extend the window', async () => {
        await cache.increment(['c'], 1);
        await harness.advance(0.6);
        expect(await count('c', 1)).toBe(2);
        await harness.advance(0.6);
        expect(await count('c', 1)).toBe(1);
      });

      it('100 concurrent increments get the counts 1 to 100, each once', async () => {
        const counts = await Promise.all(Array.from({ length: 100 }, () => count('c', 60)));
        expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      });

      it('counts several keys of one tag in one step, each in its own window', async () => {
        await cache.increment(['{t}:a'], 60);
        const states = await cache.increment(['{t}:a', '{t}:b'], 60);
        expect(states.map((state) => state.count)).toEqual([2, 1]);
      });

      it('with limits, stops counting at the first key that goes over its limit, leaving the rest alone', async () => {
        for (let i = 0; i < 2; i += 1) await cache.increment(['{t}:address', '{t}:user'], 60, [2, 10]);
        const over = await cache.increment(['{t}:address', '{t}:user'], 60, [2, 10]);
        expect(over.map((state) => state.count)).toEqual([3]);
        expect(await cache.get('{t}:user')).toBe('2');
        const fresh = await cache.increment(['{t}:other-address', '{t}:new-user'], 60, [0, 10]);
        expect(fresh.map((state) => state.count)).toEqual([1]);
        expect(await cache.get('{t}:new-user')).toBeNull();
      });

      it('of 100 concurrent increments with a limit of 10, exactly 10 count the key behind it', async () => {
        const results = await Promise.all(Array.from({ length: 100 }, () => cache.increment(['{t}:a', '{t}:b'], 60, [10, 1000])));
        expect(results.filter((states) => states.length === 2)).toHaveLength(10);
        expect(await cache.get('{t}:b')).toBe('10');
      });

      it('of 50 concurrent increments of two keys, each key counts 1 to 50', async () => {
        const states = await Promise.all(Array.from({ length: 50 }, () => cache.increment(['{t}:a', '{t}:b'], 60)));
        for (const index of [0, 1]) {
          const counts = states.map((pair) => pair[index]?.count ?? 0).sort((a, b) => a - b);
          expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        }
      });
    });

    describe('ping', () => {
      it('resolves when the backend answers', async () => {
        await expect(cache.ping()).resolves.toBeUndefined();
      });
    });

    describe('values and keys', () => {
      it('unicode and JSON values come back exactly as stored', async () => {
        const values = [
          'ünïcødé 日本語 🔐 \u0000 tail',
          JSON.stringify({ user: 'ada', roles: ['admin'], nested: { quote: '"', slash: '\\' } }),
          '',
          ' leading and trailing spaces ',
        ];
        for (const [i, value] of values.entries()) await cache.set(`v${i}`, value, 60);
        for (const [i, value] of values.entries()) expect(await cache.get(`v${i}`)).toBe(value);
      });

      it('keys may hold any characters', async () => {
        await cache.set('nonce:ключ 🔑/a*b?[c]', 'v', 60);
        expect(await cache.get('nonce:ключ 🔑/a*b?[c]')).toBe('v');
        expect(await cache.get('nonce:ключ 🔑/a*b?[d]')).toBeNull();
      });

      it('keys are independent of one another', async () => {
        await cache.set('a', 'one', 60);
        await cache.set('b', 'two', 60);
        await cache.delete('a');
        await cache.increment(['c'], 60);
        expect(await cache.get('b')).toBe('two');
        expect(await count('d', 60)).toBe(1);
      });
    });
  });
}
