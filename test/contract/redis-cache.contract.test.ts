import { describeWithRedis } from '../support/redis-server.js';
import { cacheContract } from './cache.contract.js';
import { redisCacheHarness } from './redis-cache-harness.js';

await describeWithRedis('Redis', (redis) => {
  cacheContract('RedisCache', redisCacheHarness({ redisUrl: redis.url }));
});
