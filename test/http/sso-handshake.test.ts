import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import {
  csrfTokenOf,
  DEMO_SSO_KEY,
  logInOnSsoPage,
  logInToProvider,
  loginUrl,
  redeem,
  requestToken,
  signedGet,
  tokensFrom,
} from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('the SSO handshake over HTTP', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  async function whoIsLoggedIn(jar: CookieJar): Promise<string> {
    const html = await (await jar.fetch(`${service.baseUrl}/`)).text();
    return /logged in as <strong>([^<]+)<\/strong>/.exec(html)?.[1] ?? 'nobody';
  }

  it('issues request tokens of 256 bits in base64url under both spellings of the URL', async () => {
    for (const path of ['/sso/requesttoken/', '/sso/reqeusttoken/']) {
      const response = await signedGet(service.baseUrl, path, DEMO_SSO_KEY);
      expect(response.status).toBe(200);
      const { request_token } = (await response.json()) as { request_token: string };
      expect(request_token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    }
  });

  it('logs a fresh browser in and hands the client app the user once', async () => {
    const jar = new CookieJar();
    const token = await requestToken(service.baseUrl);
    const page = await jar.fetch(loginUrl(service.baseUrl, token));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('localhost:8000');
    expect(html).toContain('name="username"');
    expect(html).toContain('name="password"');

    const done = await jar.post(loginUrl(service.baseUrl, token), {
      _csrf: csrfTokenOf(html),
      username: 'user1',
      password: '123',
    });
    const { location, requestToken: returned, authToken } = tokensFrom(done);
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:8000/sso/auth/');
    expect(location.searchParams.get('redirect')).toBe('/profile/');
    expect(returned).toBe(token);
    expect(authToken).toMatch(/^[A-Za-z0-9_-]{43,}$/);

    const redeemed = await redeem(service.baseUrl, token, authToken);
    expect(redeemed.status).toBe(200);
    const { user } = (await redeemed.json()) as { user: Record<string, unknown> };
    expect(user).toMatchObject({
      id: 2,
      username: 'user1',
      email: 'user1@example.com',
      first_name: 'Una',
      last_name: 'One',
      is_staff: false,
      is_active: true,
    });
    expect(JSON.stringify(user)).not.toMatch(/password|scrypt/);
  });

  it('does not log the browser into the provider itself through the SSO page', async () => {
    const jar = new CookieJar();
    const token = await requestToken(service.baseUrl);
    tokensFrom(await logInOnSsoPage(jar, loginUrl(service.baseUrl, token), 'user2', '456'));
    expect(await whoIsLoggedIn(jar)).toBe('nobody');
  });

  it('offers to continue as the user logged in on the provider, and does so on a POST', async () => {
    const jar = new CookieJar();
    expect((await logInToProvider(jar, service.baseUrl, 'user1', '123')).status).toBe(303);
    const token = await requestToken(service.baseUrl);

    const page = await jar.fetch(loginUrl(service.baseUrl, token));
    const html = await page.text();
    expect(html).toContain('Continue as user1');
    expect(html).toContain('Switch account');
    expect(html).not.toContain('name="password"');

    const done = await jar.post(loginUrl(service.baseUrl, token), {
      _csrf: csrfTokenOf(html),
      action: 'continue',
      user: 'user1',
    });
    const { requestToken: returned, authToken } = tokensFrom(done);
    const { user } = (await (await redeem(service.baseUrl, returned, authToken)).json()) as { user: { username: string } };
    expect(user.username).toBe('user1');
    expect(await whoIsLoggedIn(jar)).toBe('user1');
  });

  it('changes nothing on a GET of the login page, even for a logged-in browser', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    const token = await requestToken(service.baseUrl);
    const page = await jar.fetch(`${loginUrl(service.baseUrl, token)}&cwca=yes&action=continue&user=user1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Continue as user1');
    // Nobody is bound to the token yet: the client app hears that no login happened.
    const redeemed = await redeem(service.baseUrl, token, 'A'.repeat(43));
    expect(redeemed.status).toBe(403);
    expect(await redeemed.json()).toEqual({ error: 'request token error' });
  });

  it('lets a logged-in browser switch account without changing its provider login', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    const token = await requestToken(service.baseUrl);
    const url = loginUrl(service.baseUrl, token);
    const first = await (await jar.fetch(url)).text();

    const switched = await jar.post(url, { _csrf: csrfTokenOf(first), action: 'switch' });
    expect(switched.status).toBe(200);
    const form = await switched.text();
    expect(form).toContain('name="password"');

    const done = await jar.post(url, { _csrf: csrfTokenOf(form), username: 'user2', password: '456' });
    const { authToken } = tokensFrom(done);
    const { user } = (await (await redeem(service.baseUrl, token, authToken)).json()) as { user: { username: string } };
    expect(user.username).toBe('user2');
    expect(await whoIsLoggedIn(jar)).toBe('user1');
  });

  it('starts over when the provider session changed between showing the page and continuing', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    const token = await requestToken(service.baseUrl);
    const url = loginUrl(service.baseUrl, token);
    const shown = await (await jar.fetch(url)).text();

    // In another tab, the browser logs in as someone else.
    await logInToProvider(jar, service.baseUrl, 'user2', '456');
    const again = await (await jar.fetch(`${service.baseUrl}/`)).text();
    const response = await jar.post(url, { _csrf: csrfTokenOf(again), action: 'continue', user: 'user1' });
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!, service.baseUrl).searchParams.get('request_token')).toBe(token);
    expect(shown).toContain('Continue as user1');
    expect(await (await jar.fetch(url)).text()).toContain('Continue as user2');
  });

  it('keeps the query of next and adds the tokens to it', async () => {
    const jar = new CookieJar();
    const token = await requestToken(service.baseUrl);
    const next = 'http://localhost:8000/back/?a=1&b=two%20words#top';
    const { location } = tokensFrom(await logInOnSsoPage(jar, loginUrl(service.baseUrl, token, { next }), 'admin', '123'));
    expect(location.href.startsWith('http://localhost:8000/back/?a=1&b=two%20words&request_token=')).toBe(true);
    expect(location.hash).toBe('#top');
  });
});
