import { afterAll, beforeAll } from 'vitest';
import { mongoForTests, type TestMongo } from './mongo-for-tests.js';
import { uniqueKeyPrefix } from './redis-server.js';
import { testConfig } from './test-config.js';
import { startTestService, type TestService } from './test-service.js';

export interface TwoInstances {
  /** The instance started first: with a MongoDB store, the one that seeded it. Read inside a test. */
  readonly first: TestService;
  readonly second: TestService;
}

export interface TwoInstancesOptions {
  /** `mongo`: one MongoDB database for both, seeded with the demo data, secrets encrypted. */
  store?: 'memory' | 'mongo';
  /** More environment for both instances. */
  env?: Record<string, string>;
}

/**
 * Declares, in the enclosing describe, two Signet instances set up as two hosts behind one load
 * balancer: one Redis (`redisEnv` names it) under a key prefix of their own and, with
 * `store: 'mongo'`, one MongoDB database. They start before the describe's tests and stop after.
 * On the memory store each instance seeds its own store with the same demo users and keys.
 */
export function twoInstances(redisEnv: Record<string, string>, options: TwoInstancesOptions = {}): TwoInstances {
  let running: { first: TestService; second: TestService; mongo: TestMongo | null } | null = null;

  beforeAll(async () => {
    const mongo = options.store === 'mongo' ? await mongoForTests() : null;
    const config = testConfig({
      CACHE: 'redis',
      ...redisEnv,
      REDIS_KEY_PREFIX: uniqueKeyPrefix(),
      ...(mongo ? { STORE: 'mongo', MONGO_URL: mongo.url, SIGNET_MASTER_KEY: 'ab'.repeat(32), SIGNET_DEMO: '1' } : {}),
      ...options.env,
    });
    // One after the other: the first seeds a shared store, and the second finds it seeded.
    const first = await startTestService({ config });
    const second = await startTestService({ config });
    running = { first, second, mongo };
  });
  afterAll(async () => {
    await running?.first.close();
    await running?.second.close();
    await running?.mongo?.stop();
  });

  const started = () => {
    if (!running) throw new Error('the two instances start in beforeAll: read them inside a test');
    return running;
  };
  return {
    get first() {
      return started().first;
    },
    get second() {
      return started().second;
    },
  };
}
