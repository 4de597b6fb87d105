import { describe, expect, it } from 'vitest';
import { passkeyName } from '../../../../src/domain/passkeys/passkey.js';
import { parsePendingChallenge, passkeyChallengeKey } from '../../../../src/domain/passkeys/passkey-challenge.js';
import { counterMovedOn } from '../../../../src/domain/passkeys/signature-counter.js';

describe('the signature counter', () => {
  it('must rise, unless the authenticator keeps none (0 then 0)', () => {
    expect(counterMovedOn(0, 0)).toBe(true);
    expect(counterMovedOn(0, 1)).toBe(true);
    expect(counterMovedOn(5, 6)).toBe(true);
    expect(counterMovedOn(5, 5)).toBe(false);
    expect(counterMovedOn(5, 4)).toBe(false);
    expect(counterMovedOn(5, 0)).toBe(false);
  });
});

describe('a passkey name', () => {
  it('is trimmed to one line of 1 to 64 characters', () => {
    expect(passkeyName('  Work\n laptop ')).toBe('Work laptop');
    expect(passkeyName('   ')).toBeNull();
    expect(passkeyName('x'.repeat(64))).toBe('x'.repeat(64));
    expect(passkeyName('x'.repeat(65))).toBeNull();
  });
});

describe('a pending challenge', () => {
  it('is kept under the digest of the browser binding, never the binding itself', () => {
    const key = passkeyChallengeKey('sign-in', 'the-binding-cookie-value');
    expect(key).toMatch(/^passkey-challenge:sign-in:[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('the-binding-cookie-value');
    expect(passkeyChallengeKey('register', 'the-binding-cookie-value')).not.toBe(key);
  });

  it('reads back what was stored, and null for anything else', () => {
    const pending = { ceremony: 'register', challenge: 'abc', username: 'user1', userHandle: 'h' };
    expect(parsePendingChallenge(JSON.stringify(pending))).toEqual(pending);
    expect(parsePendingChallenge(null)).toBeNull();
    expect(parsePendingChallenge('{"ceremony":"other"}')).toBeNull();
    expect(parsePendingChallenge('not json')).toBeNull();
  });
});
