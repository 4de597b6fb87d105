import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemorySsoUserStore } from '../../../../src/adapters/memory/memory-sso-user-store.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { EndSession } from '../../../../src/application/sessions/end-session.js';
import { LoadSession } from '../../../../src/application/sessions/load-session.js';
import { StartSession } from '../../../../src/application/sessions/start-session.js';
import { CompleteSsoLogin } from '../../../../src/application/sso-client/complete-sso-login.js';
import { GetCurrentUser } from '../../../../src/application/sso-client/get-current-user.js';
import { LogOut } from '../../../../src/application/sso-client/log-out.js';
import { StartSsoLogin } from '../../../../src/application/sso-client/start-sso-login.js';
import type { LoginAttempt } from '../../../../src/domain/sso-client/login-attempt.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { InMemoryProviderGateway } from '../../../support/in-memory-provider-gateway.js';

const CALLBACK = 'https://app.example/accounts/sso/callback/';
const USER1 = { id: 2, username: 'user1', email: 'user1@example.com' };

describe('the SSO client use cases', () => {
  let clock: FixedClock;
  let cache: MemoryCache;
  let users: MemorySsoUserStore;
  let provider: InMemoryProviderGateway;
  let startSsoLogin: StartSsoLogin;
  let completeSsoLogin: CompleteSsoLogin;
  let getCurrentUser: GetCurrentUser;
  let logOut: LogOut;

  beforeEach(() => {
    clock = new FixedClock();
    cache = new MemoryCache({ clock });
    users = new MemorySsoUserStore();
    provider = new InMemoryProviderGateway();
    const random = new CryptoRandomSource();
    const startSession = new StartSession({ cache, clock, random });
    startSsoLogin = new StartSsoLogin({ ssoProviderGateway: provider, clock });
    completeSsoLogin = new CompleteSsoLogin({ ssoProviderGateway: provider, ssoUserStore: users, cache, clock, startSession });
    getCurrentUser = new GetCurrentUser({ loadSession: new LoadSession({ cache, clock }), ssoUserStore: users });
    logOut = new LogOut({ endSession: new EndSession({ cache }) });
  });

  /** A login started with `next` and completed at the provider: the callback's tokens and the browser's attempts. */
  async function loggedInAtProvider(next = '/reports/', attempts: LoginAttempt[] = []) {
    const started = await startSsoLogin.execute({ next, callbackUrl: CALLBACK, attempts });
    const requestToken = new URL(started.location).searchParams.get('request_token')!;
    return { requestToken, authToken: provider.logIn(requestToken, USER1), attempts: started.attempts };
  }

  it('starting a login keeps nothing at the app: the attempt goes back to the browser', async () => {
    const started = await startSsoLogin.execute({ next: '//evil.example', callbackUrl: CALLBACK, attempts: [] });
    expect(new URL(started.location).searchParams.get('next')).toBe(CALLBACK);
    expect(started.attempts).toEqual([expect.objectContaining({ next: '/' })]);
    expect(cache.size).toBe(0);
  });

  it('a provider that cannot be reached stops the start, with nothing to keep', async () => {
    provider.down = true;
    await expect(startSsoLogin.execute({ next: '/', callbackUrl: CALLBACK, attempts: [] })).rejects.toMatchObject({
      code: 'sso_client.provider_unavailable',
    });
  });

  it('completing a login saves the user, starts a new session ending the old one, and forgets the attempt', async () => {
    const earlier = await completeSsoLogin.execute({ ...(await loggedInAtProvider()), currentSessionId: null });
    const callback = await loggedInAtProvider('/after/');
    const done = await completeSsoLogin.execute({ ...callback, currentSessionId: earlier.sessionId });
    expect(done).toMatchObject({ user: USER1, next: '/after/', attempts: [] });
    expect(await users.findById(2)).toEqual(USER1);
    expect(await getCurrentUser.execute(done.sessionId)).toMatchObject({ user: USER1 });
    expect(await getCurrentUser.execute(earlier.sessionId)).toBeNull();
  });

  it('a callback without both tokens, or not started by this browser, never reaches the provider', async () => {
    const callback = await loggedInAtProvider();
    await expect(completeSsoLogin.execute({ ...callback, authToken: undefined, currentSessionId: null })).rejects.toMatchObject({
      code: 'sso_client.callback_incomplete',
    });
    await expect(completeSsoLogin.execute({ ...callback, attempts: [], currentSessionId: null })).rejects.toMatchObject({
      code: 'sso_client.foreign_callback',
    });
    expect(provider.calls).toEqual(['requestToken']);
    expect(cache.size).toBe(0);
  });

  it('a callback is used once, whatever the provider would do the second time', async () => {
    const callback = await loggedInAtProvider();
    await completeSsoLogin.execute({ ...callback, currentSessionId: null });
    await expect(completeSsoLogin.execute({ ...callback, currentSessionId: null })).rejects.toMatchObject({
      code: 'sso_client.callback_used',
    });
    expect(provider.calls.filter((call) => call === 'redeem')).toHaveLength(1);
  });

  it('an answer that is not a user saves nothing and starts no session', async () => {
    const started = await startSsoLogin.execute({ next: '/', callbackUrl: CALLBACK, attempts: [] });
    const requestToken = new URL(started.location).searchParams.get('request_token')!;
    const authToken = provider.logIn(requestToken, { name: 'no username' });
    await expect(
      completeSsoLogin.execute({ requestToken, authToken, attempts: started.attempts, currentSessionId: null }),
    ).rejects.toMatchObject({ code: 'sso_client.provider_answer_invalid' });
    // Only the used-callback mark was written.
    expect(cache.size).toBe(1);
  });

  it('logging out ends the session; logging out without one does nothing', async () => {
    const done = await completeSsoLogin.execute({ ...(await loggedInAtProvider()), currentSessionId: null });
    await logOut.execute(done.sessionId);
    expect(await getCurrentUser.execute(done.sessionId)).toBeNull();
    await expect(logOut.execute(null)).resolves.toBeUndefined();
  });
});
