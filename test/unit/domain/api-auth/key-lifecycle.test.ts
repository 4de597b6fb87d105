import { describe, expect, it } from 'vitest';
import {
  checkExpiry,
  checkRateLimit,
  checkRotationGrace,
  credentialState,
  disabled,
  enabled,
  withSettings,
} from '../../../../src/domain/api-auth/key-lifecycle.js';
import { judgeRateLimit, rateLimitClaim } from '../../../../src/domain/api-auth/rate-limit.js';
import { aCredential } from '../../../support/credential-mother.js';

const now = Date.UTC(2026, 10, 28, 12);

describe('the key lifecycle', () => {
  it('says revoked before expired before disabled', () => {
    expect(credentialState(aCredential(), now)).toBe('active');
    expect(credentialState(aCredential({ disabled: true }), now)).toBe('disabled');
    expect(credentialState(aCredential({ disabled: true, expiresAt: now }), now)).toBe('expired');
    expect(credentialState(aCredential({ disabled: true, expiresAt: now, revoked: true }), now)).toBe('revoked');
    expect(credentialState(aCredential({ expiresAt: now + 1 }), now)).toBe('active');
  });

  it('disables and enables a key, but never enables a revoked one', () => {
    expect(enabled(disabled(aCredential())).disabled).toBe(false);
    expect(() => enabled(aCredential({ revoked: true }))).toThrow('API key AK-plain-0001 is revoked');
  });

  it('takes a grace period of a minute to a day', () => {
    expect(checkRotationGrace(60)).toBe(60);
    expect(checkRotationGrace(86_400)).toBe(86_400);
    for (const bad of [59, 86_401, 90.5, Number.NaN])
      expect(() => checkRotationGrace(bad)).toThrow(/from 60 \(1 minute\) to 86400/);
  });

  it('takes a rate limit of 1 to a million a minute, or none', () => {
    expect(checkRateLimit(null)).toBeNull();
    expect(checkRateLimit(1)).toBe(1);
    for (const bad of [0, -5, 1.5, 1_000_001]) expect(() => checkRateLimit(bad)).toThrow(/from 1 to 1000000/);
  });

  it('takes an expiry in the future, or none', () => {
    expect(checkExpiry(null, now)).toBeNull();
    expect(checkExpiry(now + 1, now)).toBe(now + 1);
    expect(() => checkExpiry(now, now)).toThrow('the expiry date must be in the future');
  });

  it('changes only the settings given, and none of a revoked key', () => {
    const changed = withSettings(aCredential(), { note: 'new', entryPoints: ['GET /a/'] }, now);
    expect(changed).toEqual(aCredential({ note: 'new', entryPoints: new Set(['GET /a/']) }));
    expect(() => withSettings(aCredential({ revoked: true }), { note: 'x' }, now)).toThrow(/revoked/);
  });
});

describe('the rate limit', () => {
  it('claims nothing for a key without one', () => {
    expect(rateLimitClaim(aCredential())).toBeNull();
  });

  it('lets the first N of a window pass and tells the rest when the window ends', () => {
    const claim = rateLimitClaim(aCredential({ rateLimitPerMinute: 2 }))!;
    expect(claim.counterKey).toBe('ratelimit:AK-plain-0001');
    expect(judgeRateLimit(claim, { count: 2, secondsLeft: 30 })).toBeNull();
    const refusal = judgeRateLimit(claim, { count: 3, secondsLeft: 30 });
    expect(refusal?.message).toBe('rate limit exceeded');
    expect(refusal?.details).toEqual({ retryAfterSeconds: 30 });
  });
});
