import { CacheSsoUserStore } from '../../src/adapters/cache/cache-sso-user-store.js';
import { RedisCache } from '../../src/adapters/redis/redis-cache.js';
import { RedisConnection } from '../../src/adapters/redis/redis-connection.js';
import { FixedClock } from '../support/fixed-clock.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import { ssoUserStoreContract } from './sso-user-store.contract.js';

const quiet = { info() {}, warn() {}, error() {} };

await describeWithRedis('Redis', (redis) => {
  ssoUserStoreContract('CacheSsoUserStore over RedisCache', async () => {
    const redisConnection = new RedisConnection({ config: { redisUrl: redis.url }, logger: quiet });
    await redisConnection.open();
    const cache = new RedisCache({ redisConnection, clock: new FixedClock(), config: { redisKeyPrefix: uniqueKeyPrefix() } });
    return { store: new CacheSsoUserStore({ cache }), close: () => redisConnection.close() };
  });
});
