import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import { ConfigError } from '../../src/config/load-config.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { freePort } from '../support/free-port.js';
import { CookieJar, logInThroughOidc, startOidcService } from '../support/oidc-flow.js';
import { oidcCallbackAfterLogin, startOidcAppLogin, startOidcClientApp } from '../support/oidc-client-app.js';
import type { TestSsoClientApp } from '../support/sso-client-app.js';
import { appHome } from '../support/sso-client-flow.js';
import type { TestService } from '../support/test-service.js';

describe("callbacks and providers the SSO client refuses with protocol 'oidc'", () => {
  let service: TestService;
  let issuer: string;
  let app: TestSsoClientApp;

  beforeAll(async () => {
    service = await startOidcService();
    issuer = `${service.baseUrl}/oidc`;
    app = await startOidcClientApp(issuer);
  });
  afterAll(async () => {
    await app.close();
    await service.close();
  });

  const exchanges = (): number => app.providerCalls.filter((path) => path === '/oidc/token').length;

  async function refusal(response: Response, status: number): Promise<string> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-store');
    return response.text();
  }

  async function pendingCallback(jar: CookieJar): Promise<URL> {
    return new URL(await oidcCallbackAfterLogin(jar, app, await startOidcAppLogin(jar, app)));
  }

  it('refuses a callback whose state was changed with 400, exchanging nothing; the real one still works', async () => {
    const jar = new CookieJar();
    const callback = await pendingCallback(jar);
    const before = exchanges();
    const wrong = new URL(callback);
    wrong.searchParams.set('state', 'A'.repeat(43));
    const page = await refusal(await jar.fetch(wrong.href), 400);
    expect(page).toContain(
      'This sign-in was not started in this browser, or it has expired (its state matches no login under way here).',
    );
    expect(page).toContain('href="/accounts/login/?next=%2F"');
    expect(exchanges()).toBe(before);
    expect((await appHome(jar, app)).user).toBeNull();

    expect((await jar.fetch(callback.href)).status).toBe(302);
    expect((await appHome(jar, app)).user).toMatchObject({ username: 'user1' });
  });

  it('refuses a callback in another browser (an attacker sending the victim a code) with 400', async () => {
    const attacker = new CookieJar();
    const callback = await pendingCallback(attacker);
    const victim = new CookieJar();
    await startOidcAppLogin(victim, app);
    const before = exchanges();
    await refusal(await victim.fetch(callback.href), 400);
    expect(exchanges()).toBe(before);
    expect((await appHome(victim, app)).user).toBeNull();
  });

  it('refuses a callback without a code, or without a state, with 400', async () => {
    const jar = new CookieJar();
    const callback = await pendingCallback(jar);
    const before = exchanges();
    for (const name of ['code', 'state']) {
      const cut = new URL(callback);
      cut.searchParams.delete(name);
      const page = await refusal(await jar.fetch(cut.href), 400);
      expect(page).toContain('This sign-in link is incomplete: it needs both state and code');
    }
    expect(exchanges()).toBe(before);
  });

  it("refuses an ID token whose nonce is not the login's (a nonce changed in the authorization request), starting no session", async () => {
    const jar = new CookieJar();
    const authorization = await startOidcAppLogin(jar, app);
    authorization.searchParams.set('nonce', 'a-nonce-of-the-attackers-choice');
    const callback = app.local((await logInThroughOidc(jar, authorization, 'user1', '123')).href);
    const page = await refusal(await jar.fetch(callback), 403);
    expect(page).toContain(
      'The sign-in was refused: its ID token was not issued for this login (its nonce is not the one this login sent).',
    );
    expect((await appHome(jar, app)).user).toBeNull();
  });

  it('of 20 concurrent callbacks in one browser (tabs holding the same login), exchanges the code once and refuses the rest with 400', async () => {
    const jar = new CookieJar();
    const callback = await pendingCallback(jar);
    const before = exchanges();
    const tabs = Array.from({ length: 20 }, () => jar.clone());
    const answers = await Promise.all(tabs.map((tab) => tab.fetch(callback.href)));
    expect(answers.filter((answer) => answer.status === 302)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 302);
    for (const answer of refused) expect(await refusal(answer, 400)).toContain('This sign-in link has been used already.');
    expect(exchanges()).toBe(before + 1);
    // Once finished, the login is no longer held by the browser: the same link again is a stranger's.
    const winner = tabs[answers.findIndex((answer) => answer.status === 302)] ?? jar;
    expect(await refusal(await winner.fetch(callback.href), 400)).toContain('its state matches no login under way here');
  });

  it("shows the provider's refusal (error=access_denied) as 403, for the browser's own login only", async () => {
    const jar = new CookieJar();
    const authorization = await startOidcAppLogin(jar, app);
    const state = authorization.searchParams.get('state') ?? '';
    const back = `${app.baseUrl}/oidc/callback?error=access_denied&state=${encodeURIComponent(state)}`;
    const page = await refusal(await jar.fetch(back), 403);
    expect(page).toContain('The login service refused this sign-in (access_denied). Please log in again.');
  });

  it('answers 503 with Retry-After when the provider cannot be reached, after starting anyway', async () => {
    const logger = new CapturingLogger();
    const closed = await freePort();
    const lonely = await startOidcClientApp(`http://127.0.0.1:${closed}/oidc`, { logger, timeoutMs: 1000 });
    try {
      expect(logger.matching('the OpenID provider cannot be reached yet')).toHaveLength(1);
      const response = await new CookieJar().fetch(`${lonely.baseUrl}/accounts/login/`);
      const page = await refusal(response, 503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(page).toContain('The login service could not be reached or did not answer in time.');
      expect(logger.matching('the OpenID provider is unreachable')[0]?.fields).toEqual({
        step: 'discovery',
        reason: 'ECONNREFUSED',
      });
    } finally {
      await lonely.close();
    }
  });

  it('answers 503 at the callback when the provider is lost after the login, saving no user and starting no session', async () => {
    const lost = await startOidcService();
    let running = true;
    const logger = new CapturingLogger();
    // A closed provider refuses at once; the generous timeout only keeps a busy machine's slow discovery from counting as a loss.
    const stranded = await startOidcClientApp(`${lost.baseUrl}/oidc`, { logger, timeoutMs: 10_000 });
    try {
      const jar = new CookieJar();
      const callback = await oidcCallbackAfterLogin(jar, stranded, await startOidcAppLogin(jar, stranded));
      await lost.close();
      running = false;
      const response = await jar.fetch(callback);
      await refusal(response, 503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect((await appHome(jar, stranded)).user).toBeNull();
      expect(await stranded.users.findById('2')).toBeNull();
      expect(logger.matching('the OpenID provider is unreachable').map((entry) => entry.fields)).toContainEqual(
        expect.objectContaining({ step: 'code exchange' }),
      );
    } finally {
      await stranded.close();
      if (running) await lost.close();
    }
  });

  it('never writes a code, a state, a nonce, a verifier or the client secret to its log or its pages', async () => {
    const logger = new CapturingLogger();
    const watched = await startOidcClientApp(issuer, { logger });
    try {
      const jar = new CookieJar();
      const authorization = await startOidcAppLogin(jar, watched);
      const nonce = authorization.searchParams.get('nonce') ?? '';
      authorization.searchParams.set('nonce', 'changed');
      const callback = new URL(watched.local((await logInThroughOidc(jar, authorization, 'user1', '123')).href));
      const page = await refusal(await jar.fetch(callback.href), 403);
      const secrets = [callback.searchParams.get('code') ?? '', callback.searchParams.get('state') ?? '', nonce];
      expect(secrets.every((secret) => secret.length >= 20)).toBe(true);
      for (const secret of [...secrets, DEMO_OIDC_CLIENT.secret]) {
        expect(logger.text()).not.toContain(secret);
        expect(page).not.toContain(secret);
      }
      expect(logger.matching('an ID token failed its checks')).toHaveLength(1);
    } finally {
      await watched.close();
    }
  });

  it('stops at start with a ConfigError naming SSO_URL when no OpenID provider answers at the issuer', async () => {
    const wrongPath = startOidcClientApp(`${service.baseUrl}/not-oidc`);
    await expect(wrongPath).rejects.toBeInstanceOf(ConfigError);
    await expect(wrongPath).rejects.toThrow(
      `SSO_URL (option url): No OpenID provider for the issuer ${service.baseUrl}/not-oidc answers at ${service.baseUrl}/not-oidc/.well-known/openid-configuration (it answered 404): check the issuer URL.`,
    );
    // Signet answers as 127.0.0.1 (its PUBLIC_URL): the same server under another name is another issuer.
    const otherName = startOidcClientApp(issuer.replace('127.0.0.1', 'localhost'));
    await expect(otherName).rejects.toThrow('(the metadata there names another issuer)');
  });

  it('needs a client id, and a session secret for a public client, named at start', async () => {
    await expect(startOidcClientApp(issuer, { clientId: undefined, env: {} })).rejects.toThrow(
      'SSO_CLIENT_ID (option clientId): is required',
    );
    await expect(startOidcClientApp(issuer, { clientSecret: undefined })).rejects.toThrow(
      'SSO_SESSION_SECRET (option sessionSecret): is required for a public OpenID client (no SSO_CLIENT_SECRET)',
    );
  });
});
