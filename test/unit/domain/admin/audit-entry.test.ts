import { describe, expect, it } from 'vitest';
import { staffActor } from '../../../../src/domain/admin/actor.js';
import { auditEntryId, matchesAuditFilter, newAuditEntry } from '../../../../src/domain/admin/audit-entry.js';
import type { RandomSource } from '../../../../src/domain/shared/random-source.port.js';

const random: RandomSource = { bytes: (length) => new Uint8Array(length).fill(0xab) };
const actor = staffActor('admin', '192.0.2.1');

describe('audit entries', () => {
  it('have ids whose text order is time order, then the order one process made them', () => {
    const ids = [
      auditEntryId(2_000, 1, random),
      auditEntryId(1_000, 5, random),
      auditEntryId(2_000, 0, random),
      auditEntryId(10_000, 0, random),
    ];
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0], ids[3]]);
    expect(ids[0]).toMatch(/^\d{15}-[0-9a-f]{12}$/);
  });

  it('record who, when, through what, from where and what', () => {
    expect(newAuditEntry(actor, { action: 'key.revoke', target: 'k1' }, 5_000, 3, random)).toEqual({
      id: auditEntryId(5_000, 3, random),
      at: 5_000,
      via: 'admin-site',
      actor: 'admin',
      address: '192.0.2.1',
      action: 'key.revoke',
      target: 'k1',
      details: {},
    });
  });

  it.each(['secretKey', 'password', 'signature', 'authToken', 'nonce'])(
    'refuse a detail named %s, which would be a secret',
    (name) => {
      expect(() => newAuditEntry(actor, { action: 'key.create', target: 'k1', details: { [name]: 'x' } }, 0, 0, random)).toThrow(
        `an audit entry must not record "${name}"`,
      );
    },
  );

  it('match a filter field by field, times from since (included) to until (excluded)', () => {
    const entry = newAuditEntry(actor, { action: 'key.create', target: 'k1' }, 5_000, 0, random);
    expect(matchesAuditFilter(entry, {})).toBe(true);
    expect(matchesAuditFilter(entry, { actor: 'admin', action: 'key.create', target: 'k1', via: 'admin-site' })).toBe(true);
    expect(matchesAuditFilter(entry, { since: 5_000, until: 5_001 })).toBe(true);
    expect(matchesAuditFilter(entry, { until: 5_000 })).toBe(false);
    expect(matchesAuditFilter(entry, { via: 'command-line' })).toBe(false);
  });
});
