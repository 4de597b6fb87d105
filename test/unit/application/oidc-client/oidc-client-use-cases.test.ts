import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemorySsoUserStore } from '../../../../src/adapters/memory/memory-sso-user-store.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { CompleteOidcLogin } from '../../../../src/application/oidc-client/complete-oidc-login.js';
import { LogOutThroughProvider } from '../../../../src/application/oidc-client/log-out-through-provider.js';
import { StartOidcLogin } from '../../../../src/application/oidc-client/start-oidc-login.js';
import { EndSession } from '../../../../src/application/sessions/end-session.js';
import { LoadSession } from '../../../../src/application/sessions/load-session.js';
import { StartSession } from '../../../../src/application/sessions/start-session.js';
import { oidcLoginKey } from '../../../../src/domain/oidc-client/oidc-login-secrets.js';
import type { LoginAttempt } from '../../../../src/domain/sso-client/login-attempt.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { InMemoryOidcProviderGateway } from '../../../support/in-memory-oidc-provider-gateway.js';

const CALLBACK = 'https://app.example/oidc/callback';
const USER1 = { sub: '2', preferred_username: 'user1', email: 'user1@example.com' };

describe('the OpenID client use cases', () => {
  let clock: FixedClock;
  let cache: MemoryCache;
  let users: MemorySsoUserStore;
  let provider: InMemoryOidcProviderGateway;
  let startSession: StartSession;
  let startOidcLogin: StartOidcLogin;
  let completeOidcLogin: CompleteOidcLogin;

  beforeEach(() => {
    clock = new FixedClock();
    cache = new MemoryCache({ clock });
    users = new MemorySsoUserStore();
    provider = new InMemoryOidcProviderGateway();
    const random = new CryptoRandomSource();
    const key = oidcLoginKey(Buffer.from('cookie key'));
    startSession = new StartSession({ cache, clock, random });
    startOidcLogin = new StartOidcLogin({ oidcProviderGateway: provider, clock, random, oidcLoginKey: key });
    completeOidcLogin = new CompleteOidcLogin({
      oidcProviderGateway: provider,
      ssoUserStore: users,
      cache,
      clock,
      startSession,
      oidcLoginKey: key,
    });
  });

  async function loggedInAtProvider(next = '/reports/', attempts: LoginAttempt[] = []) {
    const started = await startOidcLogin.execute({ next, callbackUrl: CALLBACK, attempts });
    const state = new URL(started.location).searchParams.get('state') ?? '';
    return { state, query: provider.logIn(state, USER1), attempts: started.attempts };
  }

  it('starting a login keeps nothing at the app, and the browser keeps only the digest of the state', async () => {
    const started = await startOidcLogin.execute({ next: '//evil.example', callbackUrl: CALLBACK, attempts: [] });
    const state = new URL(started.location).searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.attempts).toEqual([expect.objectContaining({ next: '/' })]);
    expect(JSON.stringify(started.attempts)).not.toContain(state);
    expect(cache.size).toBe(0);
  });

  it('completes the login of the browser that started it: the user saved, a session started, back to next', async () => {
    const { query, attempts } = await loggedInAtProvider();
    const done = await completeOidcLogin.execute({ callbackUrl: CALLBACK, query, attempts, currentSessionId: null });
    expect(done).toMatchObject({ next: '/reports/', attempts: [], user: { id: '2', username: 'user1' } });
    expect(await users.findById('2')).toMatchObject({ email: 'user1@example.com' });
    expect(await new LoadSession({ cache, clock }).execute(done.sessionId)).toMatchObject({ username: '2' });
  });

  it('refuses a state this browser holds no login for, exchanging nothing', async () => {
    const { query } = await loggedInAtProvider();
    const mine = await startOidcLogin.execute({ next: '/', callbackUrl: CALLBACK, attempts: [] });
    await expect(
      completeOidcLogin.execute({ callbackUrl: CALLBACK, query, attempts: mine.attempts, currentSessionId: null }),
    ).rejects.toMatchObject({ code: 'oidc_client.state_mismatch' });
    expect(provider.exchanges).toEqual([]);
  });

  it('refuses a callback without a state or a code', async () => {
    const { query, attempts } = await loggedInAtProvider();
    for (const name of ['state', 'code']) {
      const cut = new URLSearchParams(query);
      cut.delete(name);
      await expect(
        completeOidcLogin.execute({ callbackUrl: CALLBACK, query: cut, attempts, currentSessionId: null }),
      ).rejects.toMatchObject({ code: 'oidc_client.callback_incomplete' });
    }
  });

  it("shows the provider's error code for the browser's own login, exchanging nothing", async () => {
    const { state, attempts } = await loggedInAtProvider();
    const query = new URLSearchParams({ error: 'access_denied', error_description: '<script>', state });
    const refusal = completeOidcLogin.execute({ callbackUrl: CALLBACK, query, attempts, currentSessionId: null });
    await expect(refusal).rejects.toMatchObject({ code: 'oidc_client.login_refused' });
    await expect(refusal).rejects.toThrow('(access_denied)');
    expect(provider.exchanges).toEqual([]);
  });

  it('exchanges a code once, whatever number of callbacks race with it', async () => {
    const { query, attempts } = await loggedInAtProvider();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        completeOidcLogin.execute({ callbackUrl: CALLBACK, query, attempts, currentSessionId: null }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(provider.exchanges).toHaveLength(1);
  });

  it('refuses a login whose ID token carries another nonce, starting no session', async () => {
    const started = await startOidcLogin.execute({ next: '/', callbackUrl: CALLBACK, attempts: [] });
    const state = new URL(started.location).searchParams.get('state') ?? '';
    const query = provider.logIn(state, USER1, 'the-attackers-nonce');
    await expect(
      completeOidcLogin.execute({ callbackUrl: CALLBACK, query, attempts: started.attempts, currentSessionId: null }),
    ).rejects.toMatchObject({ code: 'oidc_client.id_token_rejected' });
    expect(await users.findById('2')).toBeNull();
  });

  it('logs out at the app, then hands the way to the provider; an unreachable provider leaves the local logout done', async () => {
    const { query, attempts } = await loggedInAtProvider();
    const done = await completeOidcLogin.execute({ callbackUrl: CALLBACK, query, attempts, currentSessionId: null });
    const logOut = new LogOutThroughProvider({ endSession: new EndSession({ cache }), oidcProviderGateway: provider });
    provider.down = true;
    await expect(logOut.execute(done.sessionId, 'https://app.example/')).rejects.toMatchObject({
      code: 'oidc_client.provider_unavailable',
    });
    expect(await new LoadSession({ cache, clock }).execute(done.sessionId)).toBeNull();
    provider.down = false;
    expect(await logOut.execute(null, 'https://app.example/')).toBe(
      'https://provider.example/oidc/session/end?post_logout_redirect_uri=https%3A%2F%2Fapp.example%2F',
    );
  });
});
