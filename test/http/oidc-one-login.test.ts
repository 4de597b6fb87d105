import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationRequest,
  CookieJar,
  csrfOf,
  DEMO_REDIRECT,
  discover,
  follow,
  logInThroughOidc,
  startOidcService,
} from '../support/oidc-flow.js';
import { logInToProvider } from '../support/sso-flow.js';
import type { TestService } from '../support/test-service.js';
import { anOidcClient } from '../contract/oidc-store.contract.js';

const THIRD_PARTY = anOidcClient({
  clientId: 'third-party',
  secret: 'third-party-secret-of-some-length',
  name: 'Third Party App',
  redirectUris: [DEMO_REDIRECT],
  scopes: ['openid', 'profile'],
});

describe('one login for Signet and its OpenID clients', () => {
  let service: TestService;
  let issuer: string;
  let config: client.Configuration;

  beforeAll(async () => {
    service = await startOidcService();
    issuer = `${service.baseUrl}/oidc`;
    config = await discover(issuer);
    await service.runtime.cradle.oidcClientStore.save(THIRD_PARTY);
  });
  afterAll(() => service.close());

  async function whoIsLoggedIn(jar: CookieJar): Promise<string> {
    const html = await (await jar.fetch(`${service.baseUrl}/`)).text();
    return /logged in as <strong>([^<]+)<\/strong>/.exec(html)?.[1] ?? 'nobody';
  }

  it('starts a Signet session with a login through the OpenID flow', async () => {
    const jar = new CookieJar();
    await logInThroughOidc(jar, (await authorizationRequest(config)).url, 'user2', '456');
    expect(await whoIsLoggedIn(jar)).toBe('user2');
  });

  it('offers a browser logged in to Signet "Continue as" and "Switch account", and continues without a password', async () => {
    const jar = new CookieJar();
    expect((await logInToProvider(jar, service.baseUrl, 'user1', '123')).status).toBe(303);
    const page = await follow(jar, (await authorizationRequest(config)).url.href);
    const html = await page.response.text();
    expect(html).toContain('Continue as user1');
    expect(html).toContain('Switch account');
    expect(page.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const continued = await jar.post(page.url.href, { _csrf: csrfOf(html), action: 'continue' });
    expect(continued.status).toBe(303);
    const { url } = await follow(jar, new URL(continued.headers.get('location') ?? '', page.url).href);
    expect(url.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('shows the password form on "Switch account", and logs the browser in as the other user', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    const page = await follow(jar, (await authorizationRequest(config)).url.href);
    const switched = await jar.post(page.url.href, { _csrf: csrfOf(await page.response.text()), action: 'switch' });
    const form = await switched.text();
    expect(form).toContain('name="password"');
    expect(form).not.toContain('Continue as');
    const posted = await jar.post(page.url.href, { _csrf: csrfOf(form), action: 'login', username: 'user2', password: '456' });
    expect(posted.status).toBe(303);
    expect(await whoIsLoggedIn(jar)).toBe('user2');
  });

  it('asks for a password with prompt=login, even of a logged-in browser, and refuses "continue"', async () => {
    const jar = new CookieJar();
    await logInThroughOidc(jar, (await authorizationRequest(config)).url, 'user1', '123');
    const page = await follow(jar, (await authorizationRequest(config, { prompt: 'login' })).url.href);
    const html = await page.response.text();
    expect(html).toContain('name="password"');
    expect(html).not.toContain('Continue as');
    const continued = await jar.post(page.url.href, { _csrf: csrfOf(html), action: 'continue' });
    expect(await continued.text()).toContain('name="password"');
  });

  it('answers prompt=none with a code for a logged-in browser, and with login_required once Signet logs it out', async () => {
    const jar = new CookieJar();
    await logInThroughOidc(jar, (await authorizationRequest(config)).url, 'user1', '123');
    const silent = await follow(jar, (await authorizationRequest(config, { prompt: 'none' })).url.href);
    expect(silent.url.searchParams.get('code')).toEqual(expect.any(String));

    const home = await (await jar.fetch(`${service.baseUrl}/`)).text();
    await jar.post(`${service.baseUrl}/logout/`, { _csrf: csrfOf(home) });
    const refused = await follow(jar, (await authorizationRequest(config, { prompt: 'none' })).url.href);
    expect(refused.url.searchParams.get('error')).toBe('login_required');
  });

  it('asks a third-party client consent once, and remembers it', async () => {
    const thirdParty = await discover(issuer, { clientId: THIRD_PARTY.clientId, secret: THIRD_PARTY.secret ?? '' });
    const jar = new CookieJar();
    const request = await authorizationRequest(thirdParty, { scope: 'openid profile' });
    const login = await follow(jar, request.url.href);
    const posted = await jar.post(login.url.href, {
      _csrf: csrfOf(await login.response.text()),
      action: 'login',
      username: 'user2',
      password: '456',
    });
    const consent = await follow(jar, new URL(posted.headers.get('location') ?? '', login.url).href);
    const html = await consent.response.text();
    expect(html).toContain('Allow Third Party App?');
    const approved = await jar.post(consent.url.href, { _csrf: csrfOf(html), action: 'approve' });
    const { url } = await follow(jar, new URL(approved.headers.get('location') ?? '', consent.url).href);
    const tokens = await client.authorizationCodeGrant(thirdParty, url, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    expect(tokens.access_token).toEqual(expect.any(String));

    const again = await follow(jar, (await authorizationRequest(thirdParty, { scope: 'openid profile' })).url.href);
    expect(again.url.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('sends a refusal of consent back to the client as access_denied', async () => {
    const thirdParty = await discover(issuer, { clientId: THIRD_PARTY.clientId, secret: THIRD_PARTY.secret ?? '' });
    const jar = new CookieJar();
    const login = await follow(jar, (await authorizationRequest(thirdParty, { scope: 'openid profile' })).url.href);
    const posted = await jar.post(login.url.href, {
      _csrf: csrfOf(await login.response.text()),
      action: 'login',
      username: 'user1',
      password: '123',
    });
    const consent = await follow(jar, new URL(posted.headers.get('location') ?? '', login.url).href);
    const denied = await jar.post(consent.url.href, { _csrf: csrfOf(await consent.response.text()), action: 'deny' });
    const { url } = await follow(jar, new URL(denied.headers.get('location') ?? '', consent.url).href);
    expect(url.searchParams.get('error')).toBe('access_denied');
  });
});
