import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import type { Cache } from '../../../../src/domain/ports/cache.port.js';
import { AUTH_TOKEN_TTL_SECONDS, SsoHandshake } from '../../../../src/domain/sso-provider/sso-handshake.js';
import { FixedClock } from '../../../support/fixed-clock.js';

const CLIENT = 'client-app-key';
const OTHER_CLIENT = 'other-app-key';
const USER = { id: 2, username: 'user1', email: 'user1@example.com' };
const TTL = 300;

/** A cache that remembers every key and value written to it. */
class RecordingCache extends MemoryCache {
  readonly written: string[] = [];

  override async set(key: string, value: string, ttl: number): Promise<void> {
    this.written.push(key, value);
    return super.set(key, value, ttl);
  }

  override async setIfAbsent(key: string, value: string, ttl: number): Promise<boolean> {
    this.written.push(key, value);
    return super.setIfAbsent(key, value, ttl);
  }
}

describe('the SSO handshake', () => {
  let clock: FixedClock;
  let cache: RecordingCache;
  let handshake: SsoHandshake;

  beforeEach(() => {
    clock = new FixedClock();
    cache = new RecordingCache({ clock });
    handshake = new SsoHandshake({
      cache,
      clock,
      random: new CryptoRandomSource(),
      config: { sso: { requestTokenTtlSeconds: TTL } },
    });
  });

  async function loggedIn(): Promise<{ requestToken: string; authToken: string }> {
    const requestToken = await handshake.issue(CLIENT);
    const authToken = await handshake.bind(requestToken, CLIENT, USER);
    return { requestToken, authToken };
  }

  describe('request tokens', () => {
    it('are 256 random bits in base64url, never the same twice', async () => {
      const tokens = await Promise.all(Array.from({ length: 50 }, () => handshake.issue(CLIENT)));
      for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Set(tokens).size).toBe(50);
    });

    it('tell the login page how many seconds are left', async () => {
      const token = await handshake.issue(CLIENT);
      clock.advance(100.5);
      expect(await handshake.inspect(token, CLIENT)).toEqual({ secondsLeft: 200 });
    });

    it('are refused to the login page once the TTL has passed', async () => {
      const token = await handshake.issue(CLIENT);
      clock.advance(TTL);
      await expect(handshake.inspect(token, CLIENT)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });
    });

    it('are refused to the login page under another API key', async () => {
      const token = await handshake.issue(CLIENT);
      await expect(handshake.inspect(token, OTHER_CLIENT)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });
    });

    it('that were never issued are refused, malformed or not', async () => {
      for (const token of ['', 'abcd1234', 'A'.repeat(43), `${'A'.repeat(42)}!`]) {
        await expect(handshake.inspect(token, CLIENT)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });
      }
    });

    it('are kept in the cache only as digests', async () => {
      const { requestToken, authToken } = await loggedIn();
      const everything = cache.written.join('\n');
      expect(everything).not.toContain(requestToken);
      expect(everything).not.toContain(authToken);
    });
  });

  describe('binding a user', () => {
    it('mints an auth token of 256 bits that is not derived from the request token', async () => {
      const requestToken = await handshake.issue(CLIENT);
      const authToken = await handshake.bind(requestToken, CLIENT, USER);
      expect(authToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(authToken).not.toBe(requestToken);
    });

    it('happens once: a second bind of the same request token is refused', async () => {
      const requestToken = await handshake.issue(CLIENT);
      await handshake.bind(requestToken, CLIENT, USER);
      await expect(handshake.bind(requestToken, CLIENT, { username: 'mallory' })).rejects.toMatchObject({
        code: 'sso.invalid_request_token',
      });
    });

    it('happens once even when two binds race', async () => {
      const requestToken = await handshake.issue(CLIENT);
      const results = await Promise.allSettled([
        handshake.bind(requestToken, CLIENT, USER),
        handshake.bind(requestToken, CLIENT, { username: 'mallory' }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    });

    it('is refused for an expired request token', async () => {
      const requestToken = await handshake.issue(CLIENT);
      clock.advance(TTL + 1);
      await expect(handshake.bind(requestToken, CLIENT, USER)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });
    });
  });

  describe('redeeming', () => {
    it('hands the bound user to the key that asked for the request token', async () => {
      const { requestToken, authToken } = await loggedIn();
      expect(await handshake.redeem(requestToken, authToken, CLIENT)).toEqual(USER);
    });

    it('works once: a second redemption reads as not found', async () => {
      const { requestToken, authToken } = await loggedIn();
      await handshake.redeem(requestToken, authToken, CLIENT);
      await expect(handshake.redeem(requestToken, authToken, CLIENT)).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
        message: 'request token not found',
      });
    });

    it('lets exactly one of two concurrent redemptions through', async () => {
      const { requestToken, authToken } = await loggedIn();
      const results = await Promise.allSettled([
        handshake.redeem(requestToken, authToken, CLIENT),
        handshake.redeem(requestToken, authToken, CLIENT),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    });

    it('refuses another API key as if the token did not exist, and burns it', async () => {
      const { requestToken, authToken } = await loggedIn();
      await expect(handshake.redeem(requestToken, authToken, OTHER_CLIENT)).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
      await expect(handshake.redeem(requestToken, authToken, CLIENT)).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
    });

    it('refuses a wrong auth token, and burns the pair', async () => {
      const { requestToken, authToken } = await loggedIn();
      await expect(handshake.redeem(requestToken, 'B'.repeat(43), CLIENT)).rejects.toMatchObject({
        code: 'sso.auth_token_error',
        message: 'auth token error',
      });
      await expect(handshake.redeem(requestToken, authToken, CLIENT)).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
    });

    it('says request token error before anyone has logged in, and burns the token', async () => {
      const requestToken = await handshake.issue(CLIENT);
      await expect(handshake.redeem(requestToken, 'B'.repeat(43), CLIENT)).rejects.toMatchObject({
        code: 'sso.request_token_error',
        message: 'request token error',
      });
      await expect(handshake.inspect(requestToken, CLIENT)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });
    });

    it('must happen within the auth token TTL of the login', async () => {
      const { requestToken, authToken } = await loggedIn();
      clock.advance(AUTH_TOKEN_TTL_SECONDS);
      await expect(handshake.redeem(requestToken, authToken, CLIENT)).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
    });

    it('is still possible just before the auth token TTL ends', async () => {
      const { requestToken, authToken } = await loggedIn();
      clock.advance(AUTH_TOKEN_TTL_SECONDS - 1);
      expect(await handshake.redeem(requestToken, authToken, CLIENT)).toEqual(USER);
    });

    it('treats an expired entry the cache still holds as gone', async () => {
      // A cache whose own TTLs run on another clock, as Redis's do.
      const forgetful: Cache = new MemoryCache({ clock: new FixedClock() });
      const other = new SsoHandshake({
        cache: forgetful,
        clock,
        random: new CryptoRandomSource(),
        config: { sso: { requestTokenTtlSeconds: TTL } },
      });
      const requestToken = await other.issue(CLIENT);
      const authToken = await other.bind(requestToken, CLIENT, USER);
      clock.advance(AUTH_TOKEN_TTL_SECONDS + 1);
      await expect(other.redeem(requestToken, authToken, CLIENT)).rejects.toMatchObject({ code: 'sso.request_token_not_found' });
    });
  });
});
