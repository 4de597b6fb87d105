import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factorName, summarizeFactor } from '../../../../src/domain/factors/factor.js';
import { passedSecondFactor, policyCovers } from '../../../../src/domain/factors/mfa-policy.js';
import {
  newRecoveryCodes,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeDigest,
} from '../../../../src/domain/factors/recovery-codes.js';
import { livePendingStep, newPendingStep, pendingSecondsLeft } from '../../../../src/domain/factors/second-step.js';
import { totpCode, usedStepKey } from '../../../../src/domain/factors/totp.js';
import { acrFor, ACR_PASSWORD, ACR_SECOND_FACTOR, asksForSecondFactor } from '../../../../src/domain/oidc/oidc-acr.js';
import { propertyRuns } from '../../../support/property-runs.js';

const bytes = (length: number) => new Uint8Array(randomBytes(length));

describe('recovery codes', () => {
  it('are ten, different, of 16 characters in four groups, from an alphabet without I, L, O or U', () => {
    const codes = newRecoveryCodes(bytes);
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('are read back however they are typed: any case, with or without dashes and blanks, I and L as 1, O as 0', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (seed) => {
        const [code = ''] = newRecoveryCodes(() => seed);
        const stored = code.replace(/-/g, '');
        expect(normalizeRecoveryCode(code)).toBe(stored);
        expect(normalizeRecoveryCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(stored);
        expect(normalizeRecoveryCode(code.replace(/1/g, 'l').replace(/0/g, 'o'))).toBe(stored);
      }),
      { numRuns: propertyRuns(200) },
    );
    expect(normalizeRecoveryCode('123456')).toBeNull();
    expect(normalizeRecoveryCode('UUUU-UUUU-UUUU-UUUU')).toBeNull();
  });

  it('are stored as a digest keyed by the user: the same code of two users is two digests, and neither is the code', () => {
    const code = 'ABCDEFGHJKMNPQRS';
    expect(recoveryCodeDigest('ada', code)).toBe(recoveryCodeDigest('ada', code));
    expect(recoveryCodeDigest('ada', code)).not.toBe(recoveryCodeDigest('bob', code));
    expect(recoveryCodeDigest('ada', code)).not.toContain(code);
  });
});

describe('one-time codes', () => {
  it('are six digits, blanks and a dash aside', () => {
    expect(totpCode('123456')).toBe('123456');
    expect(totpCode(' 123 456 ')).toBe('123456');
    expect(totpCode('123-456')).toBe('123456');
    for (const typed of ['12345', '1234567', 'abcdef', '', '12345a']) expect(totpCode(typed)).toBeNull();
  });

  it('mark a used time step per user and factor, under a key that names neither', () => {
    const key = usedStepKey('ada', 'factor-1', 5);
    expect(key).not.toBe(usedStepKey('ada', 'factor-1', 6));
    expect(key).not.toBe(usedStepKey('ada', 'factor-2', 5));
    expect(key).not.toBe(usedStepKey('bob', 'factor-1', 5));
    expect(key).not.toContain('ada');
  });
});

describe('a half-login', () => {
  const now = Date.UTC(2026, 11, 8, 1, 0, 0);
  const pending = newPendingStep({ username: 'ada', floor: null, purpose: 'signet', stage: 'factor', proposedSecret: null }, now);

  it('is live for its own login only, for five minutes, and passed the password so far', () => {
    const stored = JSON.stringify(pending);
    expect(livePendingStep(stored, 'signet', now)).toEqual(pending);
    expect(pending.amr).toEqual(['pwd']);
    expect(livePendingStep(stored, 'sso:other', now)).toBeNull();
    expect(pendingSecondsLeft(pending, now)).toBe(300);
    expect(livePendingStep(stored, 'signet', now + 299_999)).not.toBeNull();
    expect(livePendingStep(stored, 'signet', now + 300_000)).toBeNull();
  });

  it('is nothing when unreadable', () => {
    for (const stored of [null, '', '{}', 'not json', JSON.stringify({ ...pending, stage: 'done' })]) {
      expect(livePendingStep(stored, 'signet', now)).toBeNull();
    }
  });
});

describe('the policy', () => {
  const user = (isStaff: boolean, isSuperuser: boolean) => ({ isStaff, isSuperuser });

  it('covers no one, staff (superusers too), or everyone', () => {
    expect(policyCovers('none', user(true, true))).toBe(false);
    expect(policyCovers('staff', user(true, false))).toBe(true);
    expect(policyCovers('staff', user(false, true))).toBe(true);
    expect(policyCovers('staff', user(false, false))).toBe(false);
    expect(policyCovers('all', user(false, false))).toBe(true);
  });

  it('is met by a login that passed a one-time code or a passkey, not by a password alone', () => {
    expect(passedSecondFactor(['pwd'])).toBe(false);
    expect(passedSecondFactor([])).toBe(false);
    expect(passedSecondFactor(['pwd', 'otp'])).toBe(true);
    expect(passedSecondFactor(['hwk'])).toBe(true);
    expect(passedSecondFactor(['pwd', 'swk'])).toBe(true);
  });
});

describe('OpenID acr', () => {
  it('names a login with a second factor apart from one with a password alone', () => {
    expect(acrFor(['pwd'])).toBe(ACR_PASSWORD);
    expect(acrFor(['pwd', 'otp'])).toBe(ACR_SECOND_FACTOR);
    expect(asksForSecondFactor(`${ACR_PASSWORD} ${ACR_SECOND_FACTOR}`)).toBe(true);
    expect(asksForSecondFactor(ACR_PASSWORD)).toBe(false);
    expect(asksForSecondFactor(undefined)).toBe(false);
  });
});

describe('a factor', () => {
  it('is shown without its secret, under the name given or its kind’s word', () => {
    const summary = summarizeFactor({
      id: 'f',
      username: 'ada',
      kind: 'totp',
      name: 'phone',
      secret: 'SECRETSECRET',
      createdAt: 1,
      lastUsedAt: null,
    });
    expect(JSON.stringify(summary)).not.toContain('SECRETSECRET');
    expect(factorName('  my   phone ', 'totp')).toBe('my phone');
    expect(factorName('', 'totp')).toBe('Authenticator app');
    expect(factorName('x'.repeat(100), 'totp')).toHaveLength(60);
  });
});
