import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { startSsoClientApp, type TestSsoClientApp } from '../support/sso-client-app.js';
import { appHome, callbackAfterLogin, logInAtApp, startAppLogin } from '../support/sso-client-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('logging in to an app through the SSO client', () => {
  let provider: TestService;
  let app: TestSsoClientApp;

  beforeAll(async () => {
    provider = await startTestService();
    app = await startSsoClientApp(provider.baseUrl);
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it('sends the browser to the provider with the key, a request token and the callback as next', async () => {
    const location = new URL(await startAppLogin(new CookieJar(), app, '/reports/'));
    expect(`${location.origin}${location.pathname}`).toBe(`${provider.baseUrl}/sso/login/`);
    expect(location.searchParams.get('api_key')).toBe('5f0c2a7e');
    expect(location.searchParams.get('request_token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('next')).toBe('http://localhost:8000/accounts/sso/callback/');
  });

  it('logs the browser in, keeps the user, and sends it on to the local next', async () => {
    const jar = new CookieJar();
    const done = await logInAtApp(jar, app, { next: '/reports/?year=2026' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/reports/?year=2026');
    const { user, csrfToken } = await appHome(jar, app);
    expect(user).toMatchObject({
      id: 2,
      username: 'user1',
      email: 'user1@example.com',
      first_name: 'Una',
      last_name: 'One',
      is_staff: false,
    });
    expect(csrfToken).toEqual(expect.any(String));
    expect(await app.users.findById(2)).toMatchObject({ username: 'user1' });
    const reports = await jar.fetch(`${app.baseUrl}/reports/`);
    expect(await reports.json()).toEqual({ reportsFor: 'user1' });
  });
});
