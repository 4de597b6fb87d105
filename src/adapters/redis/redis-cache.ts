import { z } from 'zod';
import type { Clock } from '../../domain/shared/clock.port.js';
import { assertTtl, horizonAfter, type Cache, type CounterState, type RememberedKey } from '../../domain/backends/cache.port.js';
import { exchangeScript, incrementScript, rememberOnceScript } from './redis-cache-scripts.js';
import type { RedisConnection } from './redis-connection.js';
import { REMEMBERED_GROUPS, rememberedGroupOf, rememberedGroupPrefix } from './remembered-groups.js';

export interface RedisCacheDeps {
  redisConnection: RedisConnection;
  clock: Clock;
  config: { redisKeyPrefix: string };
}

const counterReply = z.array(z.number().int());
const bit = z.union([z.literal(0), z.literal(1)]);
const rememberReply = z.tuple([z.string(), bit, bit]);

/**
 * A Cache shared by every Signet instance that uses the same Redis and key prefix. Operations on
 * several keys run as Lua scripts, so each is one atomic step and one round trip. On a Redis
 * Cluster the same code runs unchanged: every script's keys share the `{tag}` the Cache port asks
 * callers for (or, for rememberOnce, the one of the key's group), so each runs on one node.
 * The writes that guard against a replay (rememberOnce, take, exchange, setIfAbsent) return only once
 * the replicas REDIS_WAIT_REPLICAS asks for hold them, so a failover cannot undo them.
 * Needs Redis 7 or later (GETDEL, EXPIRE NX).
 */
export class RedisCache implements Cache {
  private readonly connection: RedisConnection;
  private readonly clock: Clock;
  private readonly prefix: string;

  constructor(deps: RedisCacheDeps) {
    this.connection = deps.redisConnection;
    this.clock = deps.clock;
    this.prefix = deps.config.redisKeyPrefix;
  }

  async get(key: string): Promise<string | null> {
    return this.connection.client.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    await this.connection.client.set(this.prefix + key, value, { expiration: { type: 'EX', value: ttlSeconds } });
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    assertTtl(ttlSeconds);
    const reply = await this.connection.client.set(this.prefix + key, value, {
      expiration: { type: 'EX', value: ttlSeconds },
      condition: 'NX',
    });
    if (reply === null) return false;
    await this.connection.replicated(this.prefix + key);
    return true;
  }

  async replace(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    assertTtl(ttlSeconds);
    const reply = await this.connection.client.set(this.prefix + key, value, {
      expiration: { type: 'EX', value: ttlSeconds },
      condition: 'XX',
    });
    return reply !== null;
  }

  async take(key: string): Promise<string | null> {
    const taken = await this.connection.client.getDel(this.prefix + key);
    if (taken !== null) await this.connection.replicated(this.prefix + key);
    return taken;
  }

  async exchange(fromKey: string, toKey: string, value: string, ttlSeconds: number): Promise<string | null> {
    assertTtl(ttlSeconds);
    const reply = await exchangeScript.run(
      this.connection.client,
      [this.prefix + fromKey, this.prefix + toKey],
      [value, String(ttlSeconds)],
    );
    const taken = z.string().nullable().parse(reply);
    if (taken !== null) await this.connection.replicated(this.prefix + fromKey);
    return taken;
  }

  async delete(key: string): Promise<void> {
    await this.connection.client.del(this.prefix + key);
  }

  async increment(keys: readonly string[], windowSeconds: number, limits?: readonly number[]): Promise<CounterState[]> {
    assertTtl(windowSeconds);
    if (keys.length === 0) return [];
    const reply = counterReply.parse(
      await incrementScript.run(
        this.connection.client,
        keys.map((key) => this.prefix + key),
        [String(windowSeconds), ...(limits ?? []).map(String)],
      ),
    );
    const states: CounterState[] = [];
    for (let index = 0; index + 1 < reply.length; index += 2) {
      // TTL rounds to the nearest second, so the last half second of a window reads as 0.
      states.push({ count: reply[index] ?? 0, secondsLeft: Math.max(1, reply[index + 1] ?? 1) });
    }
    return states;
  }

  async rememberOnce(scope: string, key: string, ttlSeconds: number): Promise<RememberedKey> {
    assertTtl(ttlSeconds);
    const group = rememberedGroupPrefix(this.prefix, scope, rememberedGroupOf(key));
    const [since, fresh, lost] = rememberReply.parse(
      await rememberOnceScript.run(
        this.connection.client,
        [`${group}since`, group + key],
        [String(horizonAfter(this.clock.now())), String(ttlSeconds)],
      ),
    );
    // A group found without its `since` lost its data: so did, most likely, the others on the same
    // server. They are marked now, with the same moment, rather than each at its first use.
    if (lost === 1) await this.markGroups(scope, since);
    if (fresh === 1) await this.connection.replicated(group + key);
    return { firstTime: fresh === 1, rememberingSince: Number(since) };
  }

  async beginRemembering(scope: string): Promise<void> {
    await this.markGroups(scope, String(horizonAfter(this.clock.now())));
  }

  /** Sets `since` of every group of `scope` that has none. */
  private async markGroups(scope: string, since: string): Promise<void> {
    const groups = Array.from({ length: REMEMBERED_GROUPS }, (_, group) => rememberedGroupPrefix(this.prefix, scope, group));
    await Promise.all(groups.map((group) => this.connection.client.set(`${group}since`, since, { condition: 'NX' })));
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }
}
