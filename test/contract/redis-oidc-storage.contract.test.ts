import { describeWithRedis } from '../support/redis-server.js';
import { oidcStorageContract } from './oidc-storage.contract.js';
import { redisCacheHarness } from './redis-cache-harness.js';

await describeWithRedis('Redis', (redis) => {
  oidcStorageContract('RedisCache', redisCacheHarness({ redisUrl: redis.url }));
});
