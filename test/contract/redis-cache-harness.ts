import { createClient, createCluster, type RedisClientType } from 'redis';
import { RedisCache } from '../../src/adapters/redis/redis-cache.js';
import { RedisConnection, type RedisConnectionDeps } from '../../src/adapters/redis/redis-connection.js';
import { FixedClock } from '../support/fixed-clock.js';
import { uniqueKeyPrefix } from '../support/redis-server.js';
import type { CacheHarness } from './cache.contract.js';

const quiet = { info() {}, warn() {}, error() {} };

/** What the harness needs to see and change behind the adapter's back: keys and their TTLs. */
interface RedisInspector {
  keys(prefix: string): Promise<string[]>;
  pTTL(key: string): Promise<number>;
  pExpire(key: string, ms: number): Promise<unknown>;
  del(key: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Makes a CacheHarness for RedisCache on the server or cluster `config` names, under a key prefix of
 * its own. Time passes for Redis by shortening every remaining TTL of that prefix: no sleep.
 */
export function redisCacheHarness(config: RedisConnectionDeps['config']): () => Promise<CacheHarness> {
  return async () => {
    const redisConnection = new RedisConnection({ config, logger: quiet });
    await redisConnection.open();
    const inspector = await inspectorFor(config);
    const clock = new FixedClock(Date.now());
    const prefix = uniqueKeyPrefix();
    const cache = new RedisCache({ redisConnection, clock, config: { redisKeyPrefix: prefix } });
    return {
      cache,
      now: () => clock.now(),
      advance: async (seconds) => {
        clock.advance(seconds);
        for (const key of await inspector.keys(prefix)) {
          const left = await inspector.pTTL(key);
          if (left < 0) continue;
          const after = left - Math.round(seconds * 1000);
          if (after <= 0) await inspector.del(key);
          else await inspector.pExpire(key, after);
        }
      },
      loseData: async () => {
        // One key at a time: on a cluster, keys of different slots cannot go in one DEL.
        for (const key of await inspector.keys(prefix)) await inspector.del(key);
        return cache;
      },
      close: async () => {
        await inspector.close();
        await redisConnection.close();
      },
    };
  };
}

async function inspectorFor(config: RedisConnectionDeps['config']): Promise<RedisInspector> {
  if (!config.redisClusterNodes) {
    const client: RedisClientType = createClient({ url: config.redisUrl });
    await client.connect();
    return { keys: (prefix) => scan(client, prefix), ...keyCommands(client), close: () => client.close() };
  }
  const cluster = createCluster({ rootNodes: config.redisClusterNodes.map((url) => ({ url })) });
  await cluster.connect();
  return {
    // SCAN sees one node's keys: ask every master.
    keys: async (prefix) =>
      (await Promise.all(cluster.masters.map(async (master) => scan(await cluster.nodeClient(master), prefix)))).flat(),
    ...keyCommands(cluster),
    close: () => cluster.close(),
  };
}

function keyCommands(client: {
  pTTL(key: string): Promise<number>;
  pExpire(key: string, ms: number): Promise<unknown>;
  del(key: string): Promise<unknown>;
}): Pick<RedisInspector, 'pTTL' | 'pExpire' | 'del'> {
  return {
    pTTL: (key) => client.pTTL(key),
    pExpire: (key, ms) => client.pExpire(key, ms),
    del: (key) => client.del(key),
  };
}

async function scan(
  client: { scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[]> },
  prefix: string,
): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${escapeGlob(prefix)}*`, COUNT: 1000 })) found.push(...batch);
  return found;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
