import type { Cache, CounterState } from '../../domain/ports/cache.port.js';
import type { RedisConnection } from './redis-connection.js';

export type RedisCacheDeps = {
  redisConnection: RedisConnection;
  config: { redisKeyPrefix: string };
};

/**
 * A Cache shared by every Signet instance that uses the same Redis and key prefix.
 * Needs Redis 7 or later (GETDEL, EXPIRE NX).
 */
export class RedisCache implements Cache {
  private readonly connection: RedisConnection;
  private readonly prefix: string;

  constructor(deps: RedisCacheDeps) {
    this.connection = deps.redisConnection;
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
    return reply !== null;
  }

  async take(key: string): Promise<string | null> {
    return this.connection.client.getDel(this.prefix + key);
  }

  async delete(key: string): Promise<void> {
    await this.connection.client.del(this.prefix + key);
  }

  async increment(key: string, windowSeconds: number): Promise<CounterState> {
    assertTtl(windowSeconds);
    const prefixed = this.prefix + key;
    // One transaction, so the counter never exists without its TTL; NX keeps later increments
    // from moving the end of the window.
    const [count, , ttl] = await this.connection.client
      .multi()
      .incr(prefixed)
      .expire(prefixed, windowSeconds, 'NX')
      .ttl(prefixed)
      .exec();
    // TTL rounds to the nearest second, so the last half second of a window reads as 0.
    return { count: Number(count), secondsLeft: Math.max(1, Number(ttl)) };
  }

  async ping(): Promise<void> {
    await this.connection.client.ping();
  }
}

function assertTtl(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new RangeError(`a TTL must be a whole number of seconds >= 1, got ${seconds}`);
  }
}
