import { describe, expect, it } from 'vitest';
import {
  attemptFor,
  liveAttempts,
  LOGIN_ATTEMPT_TTL_SECONDS,
  MAX_PENDING_ATTEMPTS,
  newLoginAttempt,
  withAttempt,
  withoutAttempt,
} from '../../../../src/domain/sso-client/login-attempt.js';

const now = Date.UTC(2026, 10, 28, 12);
const token = (n: number): string => `request-token-${n}`.padEnd(43, 'x');

describe('a login attempt', () => {
  it('holds the digest of its request token, never the token, and only a local next', () => {
    const attempt = newLoginAttempt(token(1), 'https://evil.example', now);
    expect(JSON.stringify(attempt)).not.toContain(token(1));
    expect(attempt).toEqual({
      digest: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      next: '/',
      expiresAt: now + LOGIN_ATTEMPT_TTL_SECONDS * 1000,
    });
  });

  it('accepts the callback of its own request token while it lives, and no other', () => {
    const attempts = [newLoginAttempt(token(1), '/one/', now), newLoginAttempt(token(2), '/two/', now)];
    expect(attemptFor(attempts, token(2), now)?.next).toBe('/two/');
    expect(attemptFor(attempts, token(3), now)).toBeNull();
    expect(attemptFor(attempts, token(1), now + LOGIN_ATTEMPT_TTL_SECONDS * 1000)).toBeNull();
  });

  it('keeps the newest attempts of a browser, up to the limit', () => {
    let attempts = liveAttempts([], now);
    for (let n = 1; n <= MAX_PENDING_ATTEMPTS + 2; n += 1)
      attempts = withAttempt(attempts, newLoginAttempt(token(n), `/${n}/`, now));
    expect(attempts.map((attempt) => attempt.next)).toEqual(['/3/', '/4/', '/5/']);
    expect(withoutAttempt(attempts, attempts[1]!).map((attempt) => attempt.next)).toEqual(['/3/', '/5/']);
  });

  it('reads back only well-formed, live attempts, and makes their next local again', () => {
    const live = newLoginAttempt(token(1), '/kept/', now);
    expect(liveAttempts([live], now)).toEqual([live]);
    expect(liveAttempts([{ ...live, next: '//evil.example' }], now)).toEqual([{ ...live, next: '/' }]);
    expect(liveAttempts([{ ...live, expiresAt: now }], now)).toEqual([]);
    for (const junk of [
      null,
      'text',
      {},
      [{ digest: 'short', next: '/', expiresAt: now + 1 }],
      Array(MAX_PENDING_ATTEMPTS + 1).fill(live),
    ]) {
      expect(liveAttempts(junk, now)).toEqual([]);
    }
  });
});
