import { beforeEach, describe, expect, it } from 'vitest';
import type { SsoLoginOutcome } from '../../../../src/application/sso-provider/sso-login-outcome.js';
import { AUTH_TOKEN_TTL_SECONDS } from '../../../../src/domain/sso-provider/handshake.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { ssoUseCases, type SsoUseCases } from '../../../support/sso-use-cases.js';

const ADDRESS = '192.0.2.7';
const TTL = 300;

describe('the SSO handshake as use cases, on memory adapters with a fixed clock', () => {
  let sso: SsoUseCases;
  let otherKey: string;

  beforeEach(async () => {
    sso = await ssoUseCases();
    otherKey = (await sso.addHost.execute({ host: 'localhost:9000' })).apiKey;
  });

  const request = (requestToken: string, apiKey = sso.apiKey, next = sso.next) => ({ apiKey, requestToken, next });

  /** Where a login that needed no second step sends the browser. */
  function locationOf(outcome: SsoLoginOutcome): string {
    if (outcome.kind !== 'bound') throw new Error('a second step was asked for');
    return outcome.location;
  }

  async function logIn(requestToken: string): Promise<string> {
    const location = new URL(
      locationOf(
        await sso.logIn.execute({ request: request(requestToken), username: 'alice', password: 'right', address: ADDRESS }),
      ),
    );
    return location.searchParams.get('auth_token') ?? '';
  }

  describe('request tokens', () => {
    it('are 256 random bits in base64url, never the same twice', async () => {
      const tokens = await Promise.all(Array.from({ length: 50 }, () => sso.issue.execute(sso.apiKey)));
      for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Set(tokens).size).toBe(50);
    });

    it('tell the login page how many seconds are left', async () => {
      const token = await sso.issue.execute(sso.apiKey);
      sso.clock.advance(100.5);
      expect(await sso.show.execute(request(token), null)).toEqual({
        remoteHost: 'localhost:8000',
        secondsLeft: 200,
        currentUser: null,
      });
    });

    it('are refused to the login page once the TTL has passed, under another key, or never issued', async () => {
      const token = await sso.issue.execute(sso.apiKey);
      await expect(sso.show.execute(request(token, otherKey, 'http://localhost:9000/'), null)).rejects.toMatchObject({
        code: 'sso.invalid_request_token',
      });
      for (const unknown of ['', 'abcd1234', 'A'.repeat(43), `${'A'.repeat(42)}!`]) {
        await expect(sso.show.execute(request(unknown), null)).rejects.toMatchObject({
          code: unknown === '' ? 'sso.parameter_missing' : 'sso.invalid_request_token',
        });
      }
      sso.clock.advance(TTL);
      await expect(sso.show.execute(request(token), null)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });
    });
  });

  describe('logging in through the page', () => {
    it('sends the browser back to next with both tokens, and the client app gets the serialised user', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      const location = new URL(
        locationOf(
          await sso.logIn.execute({ request: request(requestToken), username: 'alice', password: 'right', address: ADDRESS }),
        ),
      );
      expect(location.searchParams.get('redirect')).toBe('/');
      expect(location.searchParams.get('request_token')).toBe(requestToken);
      const authToken = location.searchParams.get('auth_token') ?? '';
      expect(authToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(authToken).not.toBe(requestToken);
      expect(await sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken })).toMatchObject({
        id: 41,
        username: 'alice',
      });
    });

    it('makes at most 9 port calls: the address and the username are counted one after the other, each under its own tag, and the count starts again for a user without a second factor', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      sso.calls.reset();
      await logIn(requestToken);
      expect(sso.calls.calls).toEqual([
        'credentialStore.findByApiKey',
        'cache.increment',
        'cache.increment',
        'cache.get',
        'userDirectory.findByUsername',
        'factorStore.listFactors',
        'userDirectory.recordLogin',
        'cache.delete',
        'cache.exchange',
      ]);
    });

    it('leaves the request token usable after a wrong password', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      await expect(
        sso.logIn.execute({ request: request(requestToken), username: 'alice', password: 'wrong', address: ADDRESS }),
      ).rejects.toMatchObject({ code: 'user.invalid_credentials' });
      expect(await logIn(requestToken)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('binds once: a second login with the same request token is refused, even when two race', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      await logIn(requestToken);
      await expect(logIn(requestToken)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });

      const raced = await sso.issue.execute(sso.apiKey);
      const results = await Promise.allSettled([
        logIn(raced),
        sso.continueAs.execute({ request: request(raced), username: 'alice', floor: null, amr: ['pwd'] }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    });

    it('is refused for an expired request token, for an inactive user, and for a next off the host', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      await expect(
        sso.continueAs.execute({ request: request(requestToken), username: 'gone', floor: null, amr: ['pwd'] }),
      ).rejects.toMatchObject({
        code: 'sso.user_unavailable',
      });
      await expect(
        sso.continueAs.execute({
          request: request(requestToken, sso.apiKey, 'http://evil.example/'),
          username: 'alice',
          floor: null,
          amr: ['pwd'],
        }),
      ).rejects.toMatchObject({ code: 'sso.remote_host_denied' });
      sso.clock.advance(TTL + 1);
      await expect(logIn(requestToken)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });
    });

    it('keeps no token in the cache as itself, only digests', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      const authToken = await logIn(requestToken);
      for (const token of [requestToken, authToken]) {
        expect(await sso.cache.get(token)).toBeNull();
      }
    });
  });

  describe('redeeming', () => {
    it('works once: a second redemption reads as not found, and of two racing exactly one succeeds', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      const authToken = await logIn(requestToken);
      const results = await Promise.allSettled([
        sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken }),
        sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken })).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
        message: 'request token not found',
      });
    });

    it('refuses another API key as if the token did not exist, and leaves it to the key it was issued to', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      await expect(sso.redeem.execute({ apiKey: otherKey, requestToken, authToken: 'B'.repeat(43) })).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
      const authToken = await logIn(requestToken);
      await expect(sso.redeem.execute({ apiKey: otherKey, requestToken, authToken })).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
      expect(await sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken })).toMatchObject({ username: 'alice' });
    });

    it('refuses a wrong auth token, and burns the pair', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      const authToken = await logIn(requestToken);
      await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken: 'B'.repeat(43) })).rejects.toMatchObject({
        code: 'sso.auth_token_error',
        message: 'auth token error',
      });
      await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken })).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
    });

    it('says request token error before anyone has logged in, and burns the token', async () => {
      const requestToken = await sso.issue.execute(sso.apiKey);
      await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken: 'B'.repeat(43) })).rejects.toMatchObject({
        code: 'sso.request_token_error',
        message: 'request token error',
      });
      await expect(sso.show.execute(request(requestToken), null)).rejects.toMatchObject({ code: 'sso.invalid_request_token' });
    });

    it('must happen within the auth token TTL of the login, and still can just before it ends', async () => {
      const late = await sso.issue.execute(sso.apiKey);
      const lateAuth = await logIn(late);
      const inTime = await sso.issue.execute(sso.apiKey);
      const inTimeAuth = await logIn(inTime);
      sso.clock.advance(AUTH_TOKEN_TTL_SECONDS - 1);
      expect(await sso.redeem.execute({ apiKey: sso.apiKey, requestToken: inTime, authToken: inTimeAuth })).toMatchObject({
        username: 'alice',
      });
      sso.clock.advance(1);
      await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken: late, authToken: lateAuth })).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
    });

    it('treats an expired entry the cache still holds as gone, as when the cache keeps time apart', async () => {
      sso = await ssoUseCases({ cacheClock: new FixedClock() });
      const requestToken = await sso.issue.execute(sso.apiKey);
      const authToken = await logIn(requestToken);
      sso.clock.advance(AUTH_TOKEN_TTL_SECONDS + 1);
      await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken, authToken })).rejects.toMatchObject({
        code: 'sso.request_token_not_found',
      });
    });

    it('refuses a redemption without both tokens as parameter missing', async () => {
      await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken: undefined, authToken: 'x' })).rejects.toMatchObject({
        code: 'sso.parameter_missing',
      });
      await expect(sso.redeem.execute({ apiKey: sso.apiKey, requestToken: 'x', authToken: '' })).rejects.toMatchObject({
        code: 'sso.parameter_missing',
      });
    });
  });
});
