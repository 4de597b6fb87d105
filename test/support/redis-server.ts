import { afterAll, describe, it } from 'vitest';
import { redactRedisUrl } from '../../src/adapters/redis/redis-connection.js';
import {
  DEFAULT_REDIS_URL,
  redisClusterForTests,
  redisForTests,
  type TestRedis,
  type TestRedisCluster,
} from './redis-process.js';
import type { ReplicatedCluster } from './redis-replicated-cluster.js';

export { startReplicatedCluster, type ReplicatedCluster } from './redis-replicated-cluster.js';
export {
  redisForTests,
  redisClusterForTests,
  startPrivateRedisServer,
  uniqueKeyPrefix,
  type PrivateRedis,
  type TestRedis,
  type TestRedisCluster,
} from './redis-process.js';

/**
 * Declares a suite that needs Redis; call it with top-level await:
 *
 *     await describeWithRedis('two instances share sessions', (redis) => { ... redis.url ... });
 *
 * Without a Redis the suite is skipped with the reason, unless SIGNET_REQUIRE_REDIS=1 (as in CI):
 * then the absence is a failing test.
 */
export async function describeWithRedis(title: string, body: (redis: TestRedis) => void): Promise<void> {
  const redis = await redisForTests();
  if (redis) {
    describe(title, () => {
      afterAll(() => redis.stop());
      body(redis);
    });
    return;
  }
  const reason =
    `no Redis answered at ${redactRedisUrl(process.env.REDIS_URL ?? DEFAULT_REDIS_URL)} ` + 'and redis-server is not on PATH';
  describeMissing(title, reason, 'set REDIS_URL or install redis-server');
}

/**
 * Declares a suite that needs a Redis Cluster of three masters: the one REDIS_CLUSTER_NODES names,
 * or one started from redis-server and redis-cli for this file. Skipped with the reason where
 * neither can be had, failing instead when SIGNET_REQUIRE_REDIS=1 (as in CI).
 */
export async function describeWithRedisCluster(title: string, body: (cluster: TestRedisCluster) => void): Promise<void> {
  const cluster = await redisClusterForTests();
  if ('nodes' in cluster) {
    describe(title, () => {
      afterAll(() => cluster.stop());
      body(cluster);
    });
    return;
  }
  describeMissing(title, cluster.unavailable, 'set REDIS_CLUSTER_NODES or install redis-server and redis-cli');
}

/**
 * Declares a suite that runs against Redis servers of its own (to stop, freeze or restart them),
 * which the caller started with startPrivateRedisServer; `started` is null when it could not, and
 * the suite is then skipped with the reason, or fails under SIGNET_REQUIRE_REDIS=1 (as in CI).
 */
export function describeWithPrivateRedis<T>(started: T | null, title: string, body: (started: T) => void): void {
  if (started === null) {
    describeMissing(title, 'redis-server is not on PATH', 'install redis-server');
    return;
  }
  describe(title, () => body(started));
}

/**
 * Declares a suite that runs against a Redis Cluster of its own with replicas (to kill or freeze its
 * masters), started with startReplicatedCluster; skipped with the reason where it could not be
 * started, failing instead under SIGNET_REQUIRE_REDIS=1 (as in CI).
 */
export function describeWithReplicatedCluster(
  started: ReplicatedCluster | { unavailable: string },
  title: string,
  body: (cluster: ReplicatedCluster) => void,
): void {
  if ('unavailable' in started) {
    describeMissing(title, started.unavailable, 'install redis-server and redis-cli');
    return;
  }
  describe(title, () => {
    afterAll(() => started.stop());
    body(started);
  });
}

function describeMissing(title: string, reason: string, remedy: string): void {
  if (process.env.SIGNET_REQUIRE_REDIS === '1') {
    describe(title, () => {
      it('has Redis to run against (SIGNET_REQUIRE_REDIS=1)', () => {
        throw new Error(`${reason}; SIGNET_REQUIRE_REDIS=1 makes this a failure`);
      });
    });
    return;
  }
  console.warn(`skipping "${title}": ${reason} (${remedy})`);
  describe.skip(title, () => {
    it(`needs Redis: ${reason}`, () => {});
  });
}
