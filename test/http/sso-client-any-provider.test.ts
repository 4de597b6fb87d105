import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { startDjSsoServerStandIn, STAND_IN_USER, type StandInProvider } from '../support/dj-sso-server-stand-in.js';
import { startSsoClientApp, type TestSsoClientApp } from '../support/sso-client-app.js';
import { appHome, logInAtApp } from '../support/sso-client-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

const KEY = { apiKey: 'f3a1b2c4', secretKey: 'a stand-in SEC key' };

describe('the SSO client against a dj-sso-server that is not Signet', () => {
  let provider: StandInProvider;
  let app: TestSsoClientApp;

  beforeAll(async () => {
    provider = await startDjSsoServerStandIn(KEY.apiKey, KEY.secretKey);
    app = await startSsoClientApp(provider.baseUrl, KEY);
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  it('logs a browser in with 8-hex request tokens and a fixed auth token, speaking only the wire protocol', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${app.baseUrl}/accounts/login/?next=/reports/`);
    const loginPage = new URL(start.headers.get('location')!);
    expect(loginPage.searchParams.get('request_token')).toMatch(/^[0-9a-f]{8}$/);
    const back = await jar.fetch(loginPage.href);
    const done = await jar.fetch(app.local(back.headers.get('location')!));
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/reports/');
    expect((await appHome(jar, app)).user).toEqual(STAND_IN_USER);
    expect(provider.requests.filter((request) => request.path !== '/sso/login/')).toEqual([
      { path: '/sso/reqeusttoken/', signed: true },
      { path: '/sso/authtoken/', signed: true },
    ]);
  });

  it('uses each callback once, without asking the provider a second time', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${app.baseUrl}/accounts/login/`);
    const back = await jar.fetch(start.headers.get('location')!);
    const callback = app.local(back.headers.get('location')!);
    const copy = jar.clone();
    expect((await jar.fetch(callback)).status).toBe(302);
    const redemptions = provider.requests.length;
    expect((await copy.fetch(callback)).status).toBe(403);
    expect(provider.requests.length).toBe(redemptions);
  });
});

describe('the SSO client signing with protocol v2 for a Signet provider', () => {
  let provider: TestService;
  let app: TestSsoClientApp;

  beforeAll(async () => {
    provider = await startTestService();
    app = await startSsoClientApp(provider.baseUrl, { protocol: 'v2' });
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  it('logs a browser in', async () => {
    const jar = new CookieJar();
    expect((await logInAtApp(jar, app)).status).toBe(302);
    expect((await appHome(jar, app)).user).toMatchObject({ username: 'user1' });
  });
});
