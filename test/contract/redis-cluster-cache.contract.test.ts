import { describeWithRedisCluster } from '../support/redis-server.js';
import { cacheContract } from './cache.contract.js';
import { redisCacheHarness } from './redis-cache-harness.js';

await describeWithRedisCluster('a Redis Cluster of three masters', (cluster) => {
  cacheContract('RedisCache on a cluster', redisCacheHarness({ redisUrl: cluster.urls[0]!, redisClusterNodes: cluster.urls }));
});
