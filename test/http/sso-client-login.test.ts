import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { startSsoClientApp, type TestSsoClientApp } from '../support/sso-client-app.js';
import { appHome, logInAtApp, startAppLogin } from '../support/sso-client-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('logging in to an app through the SSO client', () => {
  let provider: TestService;
  let app: TestSsoClientApp;

  beforeAll(async () => {
    provider = await startTestService();
    app = await startSsoClientApp(provider.baseUrl);
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  it('sends the browser to the provider with the key, a request token and the callback as next', async () => {
    const location = new URL(await startAppLogin(new CookieJar(), app, '/reports/'));
    expect(`${location.origin}${location.pathname}`).toBe(`${provider.baseUrl}/sso/login/`);
    expect(location.searchParams.get('api_key')).toBe('5f0c2a7e');
    expect(location.searchParams.get('request_token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('next')).toBe('http://localhost:8000/accounts/sso/callback/');
    expect(app.providerCalls.at(-1)).toBe('/sso/reqeusttoken/');
  });

  it('costs the app no server-side state when a visitor clicks "Log in": the attempt is a signed cookie', async () => {
    const sizeBefore = app.cache.size;
    const jar = new CookieJar();
    const response = await jar.fetch(`${app.baseUrl}/accounts/login/?next=/reports/`);
    expect(app.cache.size).toBe(sizeBefore);
    expect(jar.names()).toEqual(['sso_client_login']);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/; httponly/i);
    expect(cookie).toMatch(/; samesite=lax/i);
    expect(cookie).not.toContain(new URL(response.headers.get('location')!).searchParams.get('request_token'));
  });

  it('logs the browser in, keeps the user as the provider sent it, and sends it on to the local next', async () => {
    const jar = new CookieJar();
    const done = await logInAtApp(jar, app, { next: '/reports/?year=2026' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/reports/?year=2026');
    expect(done.headers.get('referrer-policy')).toBe('no-referrer');
    const { user, csrfToken } = await appHome(jar, app);
    expect(user).toMatchObject({
      id: 2,
      username: 'user1',
      email: 'user1@example.com',
      first_name: 'Una',
      last_name: 'One',
      is_staff: false,
      is_superuser: false,
      groups: [],
      last_login: expect.any(String),
    });
    expect(csrfToken).toEqual(expect.any(String));
    expect(await app.users.findById(2)).toEqual(user);
    expect(await (await jar.fetch(`${app.baseUrl}/reports/?year=2026`)).json()).toEqual({ reportsFor: 'user1' });
    // The login cookie has done its work and is gone; the session cookie holds only an id.
    expect(jar.names().filter((name) => name.startsWith('sso_client'))).toEqual(['sso_client_session']);
  });

  it('starts a fresh session with a new id at every login, ending the one before', async () => {
    const jar = new CookieJar();
    await logInAtApp(jar, app);
    const first = jar.get('sso_client_session')!;
    const before = jar.clone();
    await logInAtApp(jar, app, { username: 'user2', password: '456' });
    expect(jar.get('sso_client_session')).not.toBe(first);
    expect((await appHome(jar, app)).user).toMatchObject({ username: 'user2' });
    expect((await appHome(before, app)).user).toBeNull();
  });

  it('refreshes the user at each login with what the provider sends now', async () => {
    const directory = provider.runtime.cradle.userDirectory;
    const user1 = (await directory.findByUsername('user1'))!;
    try {
      await directory.save({ ...user1, email: 'una@new.example.com', attributes: { ...user1.attributes, team: 'blue' } });
      const jar = new CookieJar();
      await logInAtApp(jar, app);
      expect((await appHome(jar, app)).user).toMatchObject({ email: 'una@new.example.com', team: 'blue' });
      expect(await app.users.findById('2')).toMatchObject({ email: 'una@new.example.com', team: 'blue' });
    } finally {
      await directory.save(user1);
    }
  });

  it('leaves the provider as it was: logging in at the app does not log the browser into the provider', async () => {
    const jar = new CookieJar();
    await logInAtApp(jar, app);
    const home = await (await jar.fetch(`${provider.baseUrl}/`)).text();
    expect(home).toContain('You are not logged in.');
  });

  it('sends a visitor to the login route from a page behind requireLogin(), and back to it after', async () => {
    const jar = new CookieJar();
    const refused = await jar.fetch(`${app.baseUrl}/reports/?year=2026&q=a%20b`);
    expect(refused.status).toBe(302);
    const login = refused.headers.get('location')!;
    expect(login).toBe(`/accounts/login/?next=${encodeURIComponent('/reports/?year=2026&q=a%20b')}`);
    const started = await jar.fetch(`${app.baseUrl}${login}`);
    expect(started.status).toBe(302);
    const done = await logInAtApp(jar, app, { next: '/reports/?year=2026&q=a%20b' });
    expect(done.headers.get('location')).toBe('/reports/?year=2026&q=a%20b');
  });

  it("refuses a visitor's POST behind requireLogin() with 401 and a page with a login link", async () => {
    const response = await fetch(`${app.baseUrl}/reports/`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('href="/accounts/login/?next=%2F"');
  });

  for (const hostile of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)']) {
    it(`lands on / after a login asked to go to ${hostile}`, async () => {
      const jar = new CookieJar();
      const done = await logInAtApp(jar, app, { next: hostile });
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe('/');
      expect((await appHome(jar, app)).user).toMatchObject({ username: 'user1' });
    });
  }

  it('takes a session cookie that was tampered with, or signed by another app, as no session', async () => {
    const jar = new CookieJar();
    await logInAtApp(jar, app);
    const cookie = jar.get('sso_client_session')!;
    const [id, mac] = cookie.split('.') as [string, string];
    const other = await startSsoClientApp(provider.baseUrl, { sessionSecret: 'the cookie secret of another app on this host' });
    try {
      const signedElsewhere = new CookieJar();
      await logInAtApp(signedElsewhere, other);
      const foreignMac = signedElsewhere.get('sso_client_session')!.split('.')[1]!;
      for (const forged of [`${id}x.${mac}`, `${id}.${mac.slice(1)}`, id, `${id}.${foreignMac}`]) {
        const browser = new CookieJar();
        browser.set('sso_client_session', forged);
        expect((await appHome(browser, app)).user).toBeNull();
      }
      // The other app's own cookie names a session this app does not know either.
      expect((await appHome(signedElsewhere, app)).user).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('ends the session idle for 30 minutes', async () => {
    const jar = new CookieJar();
    await logInAtApp(jar, app);
    app.clock.advance(30 * 60);
    try {
      expect((await appHome(jar, app)).user).toBeNull();
      expect(jar.names()).not.toContain('sso_client_session');
    } finally {
      app.clock.advance(-30 * 60);
    }
  });

  it('logs out a user the app removed from its store', async () => {
    const jar = new CookieJar();
    await logInAtApp(jar, app, { username: 'user2', password: '456' });
    await app.users.remove(3);
    expect((await appHome(jar, app)).user).toBeNull();
  });
});

describe('logging out of an app', () => {
  let provider: TestService;
  let app: TestSsoClientApp;

  beforeAll(async () => {
    provider = await startTestService();
    app = await startSsoClientApp(provider.baseUrl);
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  async function loggedIn(): Promise<{ jar: CookieJar; csrfToken: string }> {
    const jar = new CookieJar();
    await logInAtApp(jar, app);
    const { csrfToken } = await appHome(jar, app);
    return { jar, csrfToken: csrfToken! };
  }

  it('ends the local session on a POST carrying the token of the logout form', async () => {
    const { jar, csrfToken } = await loggedIn();
    const stolen = jar.clone();
    const response = await jar.post(`${app.baseUrl}/accounts/logout/`, { _csrf: csrfToken });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect((await appHome(jar, app)).user).toBeNull();
    // The session is gone on the server, not only from this browser.
    expect((await appHome(stolen, app)).user).toBeNull();
  });

  it('takes the token from an X-CSRF-Token header too', async () => {
    const { jar, csrfToken } = await loggedIn();
    const response = await jar.fetch(`${app.baseUrl}/accounts/logout/`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrfToken },
    });
    expect(response.status).toBe(303);
    expect((await appHome(jar, app)).user).toBeNull();
  });

  it("refuses a logout without the token, or with another session's, and the user stays logged in", async () => {
    const { jar } = await loggedIn();
    const other = await loggedIn();
    for (const fields of [{} as Record<string, string>, { _csrf: 'forged' }, { _csrf: other.csrfToken }]) {
      const response = await jar.post(`${app.baseUrl}/accounts/logout/`, fields);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('This form has expired or did not come from this site.');
    }
    expect((await appHome(jar, app)).user).toMatchObject({ username: 'user1' });
  });

  it('answers a logout by GET with 405, and leaves the session alone', async () => {
    const { jar } = await loggedIn();
    const response = await jar.fetch(`${app.baseUrl}/accounts/logout/`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect((await appHome(jar, app)).user).toMatchObject({ username: 'user1' });
  });

  it('leaves the provider session alone', async () => {
    const jar = new CookieJar();
    const providerLogin = await jar.fetch(`${provider.baseUrl}/login/`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await providerLogin.text())![1]!;
    await jar.post(`${provider.baseUrl}/login/`, { _csrf: token, username: 'user2', password: '456' });
    await logInAtApp(jar, app);
    const { csrfToken } = await appHome(jar, app);
    await jar.post(`${app.baseUrl}/accounts/logout/`, { _csrf: csrfToken! });
    expect(await (await jar.fetch(`${provider.baseUrl}/`)).text()).toContain('logged in as <strong>user2</strong>');
  });

  it('sends a visitor who is not logged in home', async () => {
    const response = await new CookieJar().post(`${app.baseUrl}/accounts/logout/`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
  });
});
