import { describe, expect, it } from 'vitest';
import { REMEMBERED_GROUPS, rememberedGroupOf, rememberedGroupPrefix } from '../../../../src/adapters/redis/remembered-groups.js';
import { ReplicaCounts, replicasInSync, replicationId } from '../../../../src/adapters/redis/replica-counts.js';

describe('groups of remembered keys', () => {
  it('puts a key in the same group every time, and keys at large in every group about evenly', () => {
    expect(rememberedGroupOf('key:nonce')).toBe(rememberedGroupOf('key:nonce'));
    const counts = new Map<number, number>();
    for (let i = 0; i < REMEMBERED_GROUPS * 100; i += 1) {
      const group = rememberedGroupOf(`api-key:${i.toString(36)}`);
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    expect(counts.size).toBe(REMEMBERED_GROUPS);
    expect(Math.min(...counts.values())).toBeGreaterThan(50);
    expect(Math.max(...counts.values())).toBeLessThan(150);
  });

  it('gives each group a hash tag of its own within the scope', () => {
    expect(rememberedGroupPrefix('signet:', 'nonce', 10)).toBe('signet:once:{nonce:0a}:');
    expect(rememberedGroupPrefix('signet:', 'nonce', 255)).toBe('signet:once:{nonce:ff}:');
  });
});

describe('replicas in sync', () => {
  it('counts only the replicas INFO replication shows online', () => {
    const info = [
      '# Replication',
      'role:master',
      'connected_slaves:2',
      'slave0:ip=127.0.0.1,port=7001,state=online,offset=42,lag=0',
      'slave1:ip=127.0.0.1,port=7002,state=wait_bgsave,offset=0,lag=0',
      '',
    ].join('\r\n');
    expect(replicasInSync(info)).toBe(1);
    expect(replicasInSync('# Replication\r\nrole:master\r\nconnected_slaves:0\r\n')).toBe(0);
  });
});

describe('the replicas a master must acknowledge with', () => {
  const info = (replid: string, online: number) =>
    [
      '# Replication',
      'role:master',
      `connected_slaves:${online}`,
      ...Array.from({ length: online }, (_, i) => `slave${i}:ip=127.0.0.1,port=${7001 + i},state=online,offset=1,lag=0`),
      `master_replid:${replid}`,
      '',
    ].join('\r\n');

  function countsOver(replies: string[]) {
    let next = 0;
    return new ReplicaCounts(() => [
      { address: 'a:1', replicationInfo: async () => replies[Math.min(next++, replies.length - 1)] ?? '' },
    ]);
  }

  it('waits for none on a master that never had a replica, such as a replica just promoted', async () => {
    const counts = countsOver([info('promoted', 0)]);
    expect(await counts.of('a:1')).toBe(0);
  });

  it('keeps waiting for one on a master that lost its replica, so that its writes are refused rather than lost', async () => {
    const counts = countsOver([info('old', 1), info('old', 0), info('new', 0)]);
    await counts.refresh();
    expect(await counts.of('a:1')).toBe(1);
    await counts.refresh();
    expect(await counts.of('a:1')).toBe(1);
    // The same address under a new replication id: a replica promoted there, with none of its own yet.
    await counts.refresh();
    expect(await counts.of('a:1')).toBe(0);
  });

  it('reads the replication id of a reply', () => {
    expect(replicationId(info('abc123', 0))).toBe('abc123');
    expect(replicationId('role:master')).toBe('');
  });
});
