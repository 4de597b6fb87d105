import { expect, it } from 'vitest';
import { RedisConnection } from '../../src/adapters/redis/redis-connection.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { describeWithPrivateRedis, startPrivateRedisServer } from '../support/redis-server.js';

const evicting = await startPrivateRedisServer(['--maxmemory', '64mb', '--maxmemory-policy', 'volatile-lru']);
const safe = await startPrivateRedisServer(['--maxmemory', '64mb', '--maxmemory-policy', 'noeviction']);

describeWithPrivateRedis(evicting && safe ? { evicting, safe } : null, 'opening Redis', ({ evicting, safe }) => {
  async function warningsOpening(url: string): Promise<string[]> {
    const logger = new CapturingLogger();
    const connection = new RedisConnection({ config: { redisUrl: url }, logger });
    await connection.open();
    await connection.close();
    return logger.lines.filter((line) => line.level === 'warn').map((line) => line.message);
  }

  it('warns once when Redis may evict keys under memory pressure', async () => {
    try {
      expect(await warningsOpening(evicting.url)).toEqual([expect.stringContaining('maxmemory-policy volatile-lru')]);
      expect(await warningsOpening(safe.url)).toEqual([]);
    } finally {
      await Promise.all([evicting.stop(), safe.stop()]);
    }
  });
});
