import { describe, expect, it } from 'vitest';
import { evictionWarning } from '../../../../src/adapters/redis/eviction-policy.js';

const info = (maxmemory: string, policy: string) =>
  `# Memory\r\nused_memory:1024\r\nmaxmemory:${maxmemory}\r\nmaxmemory_human:x\r\nmaxmemory_policy:${policy}\r\n`;

describe('the eviction policy Signet needs of Redis', () => {
  it('is content with noeviction, and with any policy when there is no memory limit', () => {
    expect(evictionWarning(info('10485760', 'noeviction'))).toBeNull();
    expect(evictionWarning(info('0', 'allkeys-lru'))).toBeNull();
  });

  it.each(['allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl'])(
    'warns of %s under a memory limit, naming the policy and the fix',
    (policy) => {
      const warning = evictionWarning(info('10485760', policy));
      expect(warning).toContain(`maxmemory-policy ${policy}`);
      expect(warning).toContain('replayed');
      expect(warning).toContain('set maxmemory-policy noeviction');
    },
  );

  it('says nothing of an INFO reply without the fields', () => {
    expect(evictionWarning('# Memory\r\nused_memory:1\r\n')).toBeNull();
  });
});
