import type { AuditEntry } from '../../src/domain/admin/audit-entry.js';
import type { FailureCount } from '../../src/domain/admin/failure-tally.js';

const at = Date.UTC(2026, 10, 28, 12, 0, 0);

/** A key created on the admin site, with details of every kind. */
export function anAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `${String(at).padStart(15, '0')}-000000000001`,
    at,
    via: 'admin-site',
    actor: 'admin',
    address: '192.0.2.7',
    action: 'key.create',
    target: 'a1b2c3d4e5f60718',
    details: { username: 'user1', entryPoints: ['GET /api/hello/'], rateLimitPerMinute: 60, expiresAt: null, disabled: false },
    ...overrides,
  };
}

/** The entry made `minutes` after the first, with an id to match. */
export function anAuditEntryAt(minutes: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  const when = at + minutes * 60_000;
  return anAuditEntry({ id: `${String(when).padStart(15, '0')}-00000000000${minutes % 10}`, at: when, ...overrides });
}

export function aFailureCount(overrides: Partial<FailureCount> = {}): FailureCount {
  return {
    apiKey: '483a570a',
    reason: 'api_auth.signature_error',
    day: '2026-11-28',
    count: 3,
    firstAt: at,
    lastAt: at + 1000,
    ...overrides,
  };
}
