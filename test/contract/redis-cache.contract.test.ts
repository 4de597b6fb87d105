import { RedisCache } from '../../src/adapters/redis/redis-cache.js';
import { RedisConnection } from '../../src/adapters/redis/redis-connection.js';
import { FixedClock } from '../support/fixed-clock.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import { cacheContract } from './cache.contract.js';

const quiet = { info() {}, warn() {}, error() {} };

await describeWithRedis('Redis', (redis) => {
  cacheContract('RedisCache', async () => {
    const redisConnection = new RedisConnection({ config: { redisUrl: redis.url }, logger: quiet });
    await redisConnection.open();
    const clock = new FixedClock(Date.now());
    const prefix = uniqueKeyPrefix();
    const cache = new RedisCache({ redisConnection, clock, config: { redisKeyPrefix: prefix } });
    const keys = async (): Promise<string[]> => {
      const found: string[] = [];
      for await (const batch of redisConnection.client.scanIterator({ MATCH: `${escapeGlob(prefix)}*`, COUNT: 1000 })) {
        found.push(...batch);
      }
      return found;
    };
    return {
      cache,
      now: () => clock.now(),
      // Time passes for Redis by shortening every remaining TTL of this prefix by as much: no sleep.
      advance: async (seconds) => {
        clock.advance(seconds);
        const client = redisConnection.client;
        for (const key of await keys()) {
          const left = await client.pTTL(key);
          if (left < 0) continue;
          const after = left - Math.round(seconds * 1000);
          if (after <= 0) await client.del(key);
          else await client.pExpire(key, after);
        }
      },
      loseData: async () => {
        const found = await keys();
        if (found.length > 0) await redisConnection.client.del(found);
        return cache;
      },
      close: () => redisConnection.close(),
    };
  });
});

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
