import { setTimeout as sleep } from 'node:timers/promises';
import { RedisCache } from '../../src/adapters/redis/redis-cache.js';
import { RedisConnection } from '../../src/adapters/redis/redis-connection.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import { cacheContract } from './cache.contract.js';

const quiet = { info() {}, warn() {}, error() {} };

await describeWithRedis('Redis', (redis) => {
  cacheContract('RedisCache', async () => {
    const redisConnection = new RedisConnection({ config: { redisUrl: redis.url }, logger: quiet });
    await redisConnection.open();
    const cache = new RedisCache({ redisConnection, config: { redisKeyPrefix: uniqueKeyPrefix() } });
    return { cache, advance: (seconds) => sleep(seconds * 1000), close: () => redisConnection.close() };
  });
});
