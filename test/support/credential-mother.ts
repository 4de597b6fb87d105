import type { ApiCredential } from '../../src/domain/api-auth/api-credential.js';
import type { EntryPoint } from '../../src/domain/api-auth/entry-point.js';

const created = Date.UTC(2026, 0, 15, 9, 30, 0);

/** A plain API key: one SEC key without an end, one entry point, no user, never used. */
export function aCredential(overrides: Partial<ApiCredential> = {}): ApiCredential {
  return {
    apiKey: 'AK-plain-0001',
    secretKeys: [{ value: 'sec-plain-current', createdAt: created, expiresAt: null }],
    username: null,
    entryPoints: new Set(['GET /api/hello/']),
    note: 'plain key',
    ssoHost: null,
    createdAt: created,
    lastUsedAt: null,
    lastUsedFrom: null,
    revoked: false,
    disabled: false,
    expiresAt: null,
    rateLimitPerMinute: null,
    ...overrides,
  };
}

/**
 * A credential with every field filled: mid-rotation (two SEC keys), a user, an SSO host, a last use
 * and its address, disabled, an expiry date and a rate limit.
 */
export function aRotatingSsoCredential(overrides: Partial<ApiCredential> = {}): ApiCredential {
  return aCredential({
    apiKey: 'AK-sso-0002',
    secretKeys: [
      { value: 'sec-new-Zk3×ü/+=', createdAt: created + 86_400_000, expiresAt: null },
      { value: 'sec-old-9Qp', createdAt: created, expiresAt: created + 2 * 86_400_000 },
    ],
    username: 'alice',
    entryPoints: new Set(['GET /api/items/:id', 'POST /api/items/', 'sso.handshake']),
    note: 'portal — rotation in progress',
    ssoHost: 'portal.example.com:8443',
    lastUsedAt: created + 3_600_000,
    lastUsedFrom: '2001:db8::7',
    disabled: true,
    expiresAt: created + 365 * 86_400_000,
    rateLimitPerMinute: 600,
    ...overrides,
  });
}

/** An entry point named after its route, as discovery names unnamed routes. */
export function anEntryPoint(method: string, path: string, name = `${method} ${path}`): EntryPoint {
  return { name, method, path };
}
