import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/domain/ports/cache.port.js';

/** What a backend's test file hands the suite: a fresh, empty cache and a way to let time pass. */
export interface CacheHarness {
  cache: Cache;
  /**
   * Lets at least `seconds` pass as the cache sees it: a fixed clock moves, a real backend sleeps.
   * The suite only waits past TTLs of one or two seconds, so real sleeps stay short.
   */
  advance(seconds: number): Promise<void>;
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
        await expect(cache.increment('k', 0)).rejects.toThrow();
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
        for (let i = 0; i < 3; i += 1) counts.push((await cache.increment('c', 60)).count);
        expect(counts).toEqual([1, 2, 3]);
      });

      it('reports the whole seconds left, more than none and no more than the window', async () => {
        for (let i = 0; i < 2; i += 1) {
          const { secondsLeft } = await cache.increment('c', 60);
          expect(Number.isInteger(secondsLeft)).toBe(true);
          expect(secondsLeft).toBeGreaterThan(0);
          expect(secondsLeft).toBeLessThanOrEqual(60);
        }
      });

      it('restarts at 1 once the window has passed', async () => {
        await cache.increment('c', 1);
        await cache.increment('c', 1);
        await harness.advance(1.1);
        expect(await cache.increment('c', 1)).toEqual({ count: 1, secondsLeft: 1 });
      });

      it('later increments do not extend the window', async () => {
        await cache.increment('c', 1);
        await harness.advance(0.6);
        expect((await cache.increment('c', 1)).count).toBe(2);
        await harness.advance(0.6);
        expect((await cache.increment('c', 1)).count).toBe(1);
      });

      it('20 concurrent increments get the counts 1 to 20, each once', async () => {
        const states = await Promise.all(Array.from({ length: 20 }, () => cache.increment('c', 60)));
        const counts = states.map((state) => state.count).sort((a, b) => a - b);
        expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
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
        await cache.increment('c', 60);
        expect(await cache.get('b')).toBe('two');
        expect((await cache.increment('d', 60)).count).toBe(1);
      });
    });
  });
}
