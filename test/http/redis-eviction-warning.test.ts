import { describe, expect, it } from 'vitest';
import { RedisConnection } from '../../src/adapters/redis/redis-connection.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { startPrivateRedisServer } from '../support/redis-server.js';

const evicting = await startPrivateRedisServer(['--maxmemory', '64mb', '--maxmemory-policy', 'volatile-lru']);
const safe = await startPrivateRedisServer(['--maxmemory', '64mb', '--maxmemory-policy', 'noeviction']);
const missing = !evicting || !safe;
if (missing && process.env.SIGNET_REQUIRE_REDIS !== '1')
  console.warn('skipping the eviction warning: redis-server is not on PATH');

describe.skipIf(missing && process.env.SIGNET_REQUIRE_REDIS !== '1')('opening Redis', () => {
  async function warningsOpening(url: string): Promise<string[]> {
    const logger = new CapturingLogger();
    const connection = new RedisConnection({ config: { redisUrl: url }, logger });
    await connection.open();
    await connection.close();
    return logger.lines.filter((line) => line.level === 'warn').map((line) => line.message);
  }

  it('warns once when Redis may evict keys under memory pressure', async () => {
    if (!evicting || !safe) throw new Error('redis-server is not on PATH; SIGNET_REQUIRE_REDIS=1 makes this a failure');
    try {
      expect(await warningsOpening(evicting.url)).toEqual([expect.stringContaining('maxmemory-policy volatile-lru')]);
      expect(await warningsOpening(safe.url)).toEqual([]);
    } finally {
      await Promise.all([evicting.stop(), safe.stop()]);
    }
  });
});
