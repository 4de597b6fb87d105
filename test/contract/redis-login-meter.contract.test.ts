import { createClient } from 'redis';
import { RedisConnection } from '../../src/adapters/redis/redis-connection.js';
import { RedisLoginMeter } from '../../src/adapters/redis/redis-login-meter.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import { loginMeterContract } from './login-meter.contract.js';

const quiet = { info() {}, warn() {}, error() {} };

await describeWithRedis('Redis', (redis) => {
  loginMeterContract('RedisLoginMeter, two connections on one prefix', async () => {
    const config = { redisUrl: redis.url, redisKeyPrefix: uniqueKeyPrefix() };
    const connections = [new RedisConnection({ config, logger: quiet }), new RedisConnection({ config, logger: quiet })];
    await Promise.all(connections.map((connection) => connection.open()));
    const [meter, twin] = connections.map((redisConnection) => new RedisLoginMeter({ redisConnection, config }));
    const inspector = createClient({ url: redis.url });
    await inspector.connect();
    return {
      meter: meter!,
      twin: twin!,
      // Time passes for Redis by shortening the TTL of every key of the prefix: no sleep.
      advance: async (seconds) => {
        for await (const keys of inspector.scanIterator({ MATCH: `${config.redisKeyPrefix}*`, COUNT: 1000 })) {
          for (const key of keys) {
            const left = (await inspector.pTTL(key)) - seconds * 1000;
            if (left <= 0) await inspector.del(key);
            else await inspector.pExpire(key, left);
          }
        }
      },
      close: async () => {
        await inspector.close();
        await Promise.all(connections.map((connection) => connection.close()));
      },
    };
  });
});
