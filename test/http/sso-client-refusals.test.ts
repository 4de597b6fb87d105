import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Base64url } from '../../src/domain/shared/digest.js';
import { CookieJar } from '../support/cookie-jar.js';
import { startSsoClientApp, type TestSsoClientApp } from '../support/sso-client-app.js';
import { appHome, callbackAfterLogin, startAppLogin } from '../support/sso-client-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('callbacks the SSO client refuses', () => {
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

  const redemptions = (): number => app.providerCalls.filter((path) => path === '/sso/authtoken/').length;

  /** A login started and completed at the provider by `jar`: the callback URL it was sent back with. */
  async function pendingCallback(jar: CookieJar, next = '/reports/'): Promise<string> {
    return callbackAfterLogin(jar, app, await startAppLogin(jar, app, next));
  }

  async function refusal(response: Response, status: number): Promise<string> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-store');
    return response.text();
  }

  it('refuses a callback in another browser session with 403, redeeming nothing', async () => {
    const victim = new CookieJar();
    await startAppLogin(victim, app); // the victim has a login of its own under way
    const attacker = new CookieJar();
    const callback = await pendingCallback(attacker);
    const before = redemptions();

    for (const browser of [victim, new CookieJar()]) {
      const page = await refusal(await browser.fetch(callback), 403);
      expect(page).toContain('This sign-in was not started in this browser, or it has expired.');
      expect(page).toContain('href="/accounts/login/?next=%2F"');
      expect((await appHome(browser, app)).user).toBeNull();
    }
    expect(redemptions()).toBe(before);

    // Nothing was redeemed: the pair still works in the browser that started the login.
    const done = await attacker.fetch(callback);
    expect(done.status).toBe(302);
    expect((await appHome(attacker, app)).user).toMatchObject({ username: 'user1' });
  });

  it('shows why the provider refused a wrong auth token, and starts no session', async () => {
    const jar = new CookieJar();
    const callback = new URL(await pendingCallback(jar));
    callback.searchParams.set('auth_token', 'A'.repeat(43));
    const page = await refusal(await jar.fetch(callback.href), 403);
    expect(page).toContain('The login service refused this sign-in (auth token error). Please log in again.');
    expect((await appHome(jar, app)).user).toBeNull();
  });

  it('refuses a reused callback: in the same browser, in a copy of it taken before, and once the app forgot it', async () => {
    const jar = new CookieJar();
    const callback = await pendingCallback(jar);
    const copy = jar.clone();
    expect((await jar.fetch(callback)).status).toBe(302);
    const redeemed = redemptions();

    expect(await refusal(await jar.fetch(callback), 403)).toContain('not started in this browser');
    expect(await refusal(await copy.fetch(callback), 403)).toContain('This sign-in link has been used already.');
    expect(redemptions()).toBe(redeemed);

    // Without the app's mark (a restarted cache), the provider itself refuses the used pair.
    const requestToken = new URL(callback).searchParams.get('request_token')!;
    await app.cache.delete(`used-callback:${sha256Base64url(requestToken)}`);
    expect(await refusal(await copy.fetch(callback), 403)).toContain('(request token not found)');
    expect((await appHome(copy, app)).user).toBeNull();
  });

  it('refuses a callback without both tokens with 400, and one whose login has expired with 403', async () => {
    const jar = new CookieJar();
    const callback = new URL(await pendingCallback(jar));
    for (const name of ['request_token', 'auth_token']) {
      const incomplete = new URL(callback);
      incomplete.searchParams.delete(name);
      expect(await refusal(await jar.fetch(incomplete.href), 400)).toContain('needs both request_token and auth_token');
    }
    app.clock.advance(10 * 60);
    try {
      expect(await refusal(await jar.fetch(callback.href), 403)).toContain('or it has expired');
    } finally {
      app.clock.advance(-10 * 60);
    }
  });

  it('keeps a few logins of one browser under way at once (tabs), forgetting the oldest beyond three', async () => {
    const jar = new CookieJar();
    const pages: string[] = [];
    for (let i = 0; i < 5; i += 1) pages.push(await startAppLogin(jar, app, `/tab/${i}/`));
    const callbacks: string[] = [];
    for (const page of pages) callbacks.push(await callbackAfterLogin(jar, app, page));
    for (const callback of callbacks.slice(0, 2)) expect((await jar.fetch(callback)).status).toBe(403);
    for (const [index, callback] of callbacks.slice(2).entries()) {
      const done = await jar.fetch(callback);
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe(`/tab/${index + 2}/`);
    }
  });

  it('keeps three logins with the longest next in a cookie browsers accept (under 4096 bytes)', async () => {
    const jar = new CookieJar();
    const longest = `/${'a'.repeat(511)}`;
    const pages: string[] = [];
    let cookie = '';
    for (let i = 0; i < 3; i += 1) {
      const response = await jar.fetch(`${app.baseUrl}/accounts/login/?next=${encodeURIComponent(longest)}`);
      pages.push(response.headers.get('location')!);
      cookie = response.headers.getSetCookie()[0]!;
    }
    expect(cookie.length).toBeLessThan(4096);
    const done = await jar.fetch(await callbackAfterLogin(jar, app, pages[0]!));
    expect(done.headers.get('location')).toBe(longest);
  });

  it('of 100 concurrent callbacks with the same pair in one browser, redeems once and logs in once', async () => {
    const jar = new CookieJar();
    const callback = await pendingCallback(jar);
    const cookie = jar.header();
    const before = redemptions();
    const sizeBefore = app.cache.size;

    const responses = await Promise.all(
      Array.from({ length: 100 }, () => fetch(callback, { headers: { cookie }, redirect: 'manual' })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 302)).toHaveLength(1);
    expect(statuses.filter((status) => status === 403)).toHaveLength(99);
    expect(redemptions() - before).toBe(1);
    // One session and one used-callback mark: nothing else was kept.
    expect(app.cache.size - sizeBefore).toBe(2);
    const winner = responses.find((response) => response.status === 302)!;
    jar.store(winner);
    expect((await appHome(jar, app)).user).toMatchObject({ username: 'user1' });
  });

  it('of 100 concurrent callbacks with the same pair from 100 browsers, accepts only the one that started it', async () => {
    const owner = new CookieJar();
    const callback = await pendingCallback(owner);
    const before = redemptions();
    const strangers = await Promise.all(Array.from({ length: 99 }, () => new CookieJar().fetch(callback)));
    const own = await owner.fetch(callback);
    expect(strangers.map((response) => response.status)).toEqual(Array.from({ length: 99 }, () => 403));
    expect(own.status).toBe(302);
    expect(redemptions() - before).toBe(1);
  });

  it('answers 100 concurrent logins from one browser, each with its own token, keeping nothing on the server', async () => {
    const jar = new CookieJar();
    const earlier = await startAppLogin(jar, app, '/earlier/');
    const cookie = jar.header();
    const sizeBefore = app.cache.size;
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fetch(`${app.baseUrl}/accounts/login/?next=/burst/${i}/`, { headers: { cookie }, redirect: 'manual' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 100 }, () => 302));
    const tokens = responses.map((response) => new URL(response.headers.get('location')!).searchParams.get('request_token'));
    expect(new Set(tokens).size).toBe(100);
    expect(app.cache.size).toBe(sizeBefore);

    // The browser keeps the cookie of whichever answer it read last: that login, and the earlier one, finish.
    const last = responses.at(-1)!;
    jar.store(last);
    const lastCallback = await callbackAfterLogin(jar, app, last.headers.get('location')!);
    const done = await jar.fetch(lastCallback);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/burst/99/');
    const earlierDone = await jar.fetch(await callbackAfterLogin(jar, app, earlier));
    expect(earlierDone.headers.get('location')).toBe('/earlier/');
    // Another answer's login was not kept by the browser: its callback is refused, nothing redeemed.
    const before = redemptions();
    const other = await callbackAfterLogin(jar, app, responses[0]!.headers.get('location')!);
    expect((await jar.fetch(other)).status).toBe(403);
    expect(redemptions()).toBe(before);
  });
});
