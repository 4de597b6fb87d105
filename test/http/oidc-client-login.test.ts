import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import { CookieJar, csrfOf, logInThroughOidc, startOidcService } from '../support/oidc-flow.js';
import { DEMO_OIDC_APP_URL, oidcCallbackAfterLogin, startOidcAppLogin, startOidcClientApp } from '../support/oidc-client-app.js';
import type { TestSsoClientApp } from '../support/sso-client-app.js';
import { appHome } from '../support/sso-client-flow.js';
import type { TestService } from '../support/test-service.js';

describe("the SSO client with protocol 'oidc', against Signet's OpenID provider", () => {
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

  /** The page Signet answers an authorization request with, redirects followed. */
  async function signetPageFor(jar: CookieJar, authorization: URL): Promise<string> {
    let url = authorization;
    let response = await jar.fetch(url.href);
    while (response.status === 302 || response.status === 303) {
      url = new URL(response.headers.get('location') ?? '', url);
      response = await jar.fetch(url.href);
    }
    const html = await response.text();
    expect(csrfOf(html)).not.toBe('');
    return html;
  }

  const signetHome = async (jar: CookieJar): Promise<string> => (await jar.fetch(`${service.baseUrl}/`)).text();

  it('sends the browser to the authorization endpoint: code flow, PKCE S256, a fresh state and nonce, the exact redirect URI', async () => {
    const jar = new CookieJar();
    const first = await startOidcAppLogin(jar, app);
    const second = await startOidcAppLogin(jar, app);
    expect(`${first.origin}${first.pathname}`).toBe(`${issuer}/auth`);
    const query = Object.fromEntries(first.searchParams);
    expect(query).toMatchObject({
      client_id: DEMO_OIDC_CLIENT.clientId,
      response_type: 'code',
      redirect_uri: `${DEMO_OIDC_APP_URL}/oidc/callback`,
      scope: 'openid profile email groups',
      code_challenge_method: 'S256',
    });
    expect(query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(first.searchParams.get(name)).not.toBe(second.searchParams.get(name));
    }
    // The verifier never leaves the app: neither in the URL nor in the browser's cookies.
    expect(first.searchParams.has('code_verifier')).toBe(false);
  });

  it('logs the browser in (a Signet session too, as OpenID Connect expects), with the user in the same names as dj-sso', async () => {
    const jar = new CookieJar();
    const callback = await oidcCallbackAfterLogin(jar, app, await startOidcAppLogin(jar, app, '/reports/'));
    expect(new URL(callback).searchParams.get('iss')).toBe(issuer);
    const done = await jar.fetch(callback);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/reports/');
    expect(done.headers.get('referrer-policy')).toBe('no-referrer');

    const { user } = await appHome(jar, app);
    expect(user).toMatchObject({
      id: '2',
      username: 'user1',
      email: 'user1@example.com',
      first_name: 'Una',
      last_name: 'One',
      is_staff: false,
      is_superuser: false,
      groups: expect.any(Array),
    });
    const reports = await jar.fetch(`${app.baseUrl}/reports/`);
    expect(await reports.json()).toEqual({ reportsFor: 'user1' });
    expect(await signetHome(jar)).toContain('You are logged in as <strong>user1</strong>');
  });

  it('sends a visitor of a requireLogin() page to the login route, coming back there', async () => {
    const response = await new CookieJar().fetch(`${app.baseUrl}/reports/`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/accounts/login/?next=%2Freports%2F');
  });

  it('logs a browser logged in to Signet in without a password', async () => {
    const jar = new CookieJar();
    await jar.fetch(await oidcCallbackAfterLogin(jar, app, await startOidcAppLogin(jar, app)));
    const other = await startOidcClientApp(issuer, { cookieName: 'other_app' });
    try {
      // logInThroughOidc would post a password if Signet asked for one; it answers the callback at once instead.
      const authorization = await startOidcAppLogin(jar, other);
      const callback = await logInThroughOidc(jar, authorization, 'nobody', 'wrong password');
      const done = await jar.fetch(other.local(callback.href));
      expect(done.status).toBe(302);
      expect((await appHome(jar, other)).user).toMatchObject({ username: 'user1' });
    } finally {
      await other.close();
    }
  });

  it('logs out at the app, then through Signet (RP-initiated logout), which ends the Signet session and comes home', async () => {
    const jar = new CookieJar();
    await jar.fetch(await oidcCallbackAfterLogin(jar, app, await startOidcAppLogin(jar, app)));
    const { csrfToken } = await appHome(jar, app);

    const out = await jar.post(`${app.baseUrl}/accounts/logout/`, { _csrf: csrfToken ?? '' });
    expect(out.status).toBe(303);
    const end = new URL(out.headers.get('location') ?? '');
    expect(`${end.origin}${end.pathname}`).toBe(`${issuer}/session/end`);
    expect(end.searchParams.get('client_id')).toBe(DEMO_OIDC_CLIENT.clientId);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${DEMO_OIDC_APP_URL}/`);
    expect((await appHome(jar, app)).user).toBeNull();

    const question = await jar.fetch(end.href);
    expect(question.status).toBe(200);
    const html = await question.text();
    expect(html).toContain(`<strong>${DEMO_OIDC_CLIENT.name}</strong> asks to log you out of Signet.`);
    const form = /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(
      html,
    );
    const confirmed = await jar.post(form?.[1] ?? '', { xsrf: form?.[2] ?? '', logout: 'yes' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${DEMO_OIDC_APP_URL}/`);
    expect(await signetHome(jar)).toContain('You are not logged in.');

    // The next login at the app asks for the password again.
    expect(await signetPageFor(jar, await startOidcAppLogin(jar, app))).toContain('name="password"');
  });

  it('refuses a logout without its CSRF token, keeping the session', async () => {
    const jar = new CookieJar();
    await jar.fetch(await oidcCallbackAfterLogin(jar, app, await startOidcAppLogin(jar, app)));
    const out = await jar.post(`${app.baseUrl}/accounts/logout/`, { _csrf: 'forged' });
    expect(out.status).toBe(403);
    expect((await appHome(jar, app)).user).toMatchObject({ username: 'user1' });
  });
});
