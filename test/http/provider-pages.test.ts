import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { csrfTokenOf, logInToProvider } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const SESSION = 'signet_session';

async function whoIsLoggedIn(jar: CookieJar, baseUrl: string): Promise<string> {
  const html = await (await jar.fetch(`${baseUrl}/`)).text();
  return /logged in as <strong>([^<]+)<\/strong>/.exec(html)?.[1] ?? 'nobody';
}

describe("the provider's own pages", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('says nobody is logged in, links to the login page, and starts no session', async () => {
    const jar = new CookieJar();
    const response = await jar.fetch(`${service.baseUrl}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('You are not logged in');
    expect(html).toContain('href="/login/"');
    expect(jar.names()).toEqual([]);
  });

  it('shows an accessible login form with a CSRF token', async () => {
    const html = await (await fetch(`${service.baseUrl}/login/`)).text();
    expect(html).toMatch(/<label for="username">/);
    expect(html).toMatch(/<label for="password">/);
    expect(html).toContain('autocomplete="username"');
    expect(html).toContain('autocomplete="current-password"');
    expect(csrfTokenOf(html).length).toBeGreaterThan(10);
  });

  it('logs in, shows who is logged in, and logs out on a POST', async () => {
    const jar = new CookieJar();
    const login = await logInToProvider(jar, service.baseUrl, 'admin', '123');
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('admin');

    const home = await (await jar.fetch(`${service.baseUrl}/`)).text();
    const logout = await jar.post(`${service.baseUrl}/logout/`, { _csrf: csrfTokenOf(home) });
    expect(logout.status).toBe(303);
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('nobody');
  });

  it('ends the session on every copy of the cookie at logout', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    const stolen = jar.clone();
    const home = await (await jar.fetch(`${service.baseUrl}/`)).text();
    await jar.post(`${service.baseUrl}/logout/`, { _csrf: csrfTokenOf(home) });
    expect(await whoIsLoggedIn(stolen, service.baseUrl)).toBe('nobody');
  });

  it('gives a visitor who has not logged in no session, only a signed CSRF cookie', async () => {
    const jar = new CookieJar();
    await jar.fetch(`${service.baseUrl}/login/`);
    expect(jar.get(SESSION)).toBeUndefined();
    expect(jar.names().sort()).toEqual(['signet_csrf', 'signet_csrf.sig']);
  });

  it('gives the browser a new session id at every login', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    const before = jar.get(SESSION);
    expect(before).toBeDefined();
    const fixated = jar.clone();
    await logInToProvider(jar, service.baseUrl, 'user2', '456');
    expect(jar.get(SESSION)).toBeDefined();
    expect(jar.get(SESSION)).not.toBe(before);
    // Whoever knew the id from before the login has nothing.
    expect(await whoIsLoggedIn(fixated, service.baseUrl)).toBe('nobody');
  });

  it('sends the session and CSRF cookies HttpOnly, SameSite=Lax and signed', async () => {
    const page = await fetch(`${service.baseUrl}/login/`);
    const login = await logInToProvider(new CookieJar(), service.baseUrl, 'user1', '123');
    const cookies = [...page.headers.getSetCookie(), ...login.headers.getSetCookie()];
    for (const name of [SESSION, 'signet_csrf']) {
      const cookie = cookies.find((line) => line.startsWith(`${name}=`))!;
      expect(cookie).toMatch(/; httponly/i);
      expect(cookie).toMatch(/; samesite=lax/i);
      expect(cookie).not.toMatch(/; secure/i);
      expect(cookies.some((line) => line.startsWith(`${name}.sig=`))).toBe(true);
    }
  });

  it('offers a GET of /logout/ a page with a Log out button, not an error', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    const page = await jar.fetch(`${service.baseUrl}/logout/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/logout/">');
    expect(html).toContain('Log out</button>');
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('user1');
    await jar.post(`${service.baseUrl}/logout/`, { _csrf: csrfTokenOf(html) });
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('nobody');
  });

  it('ignores a session cookie whose signature does not match', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    jar.set(`${SESSION}.sig`, 'forged');
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('nobody');
  });

  it('refuses a login or logout without the CSRF token of its own session', async () => {
    const victim = new CookieJar();
    await logInToProvider(victim, service.baseUrl, 'user1', '123');
    const attacker = new CookieJar();
    const attackerToken = csrfTokenOf(await (await attacker.fetch(`${service.baseUrl}/login/`)).text());

    for (const fields of [{}, { _csrf: 'forged' }, { _csrf: attackerToken }] as Record<string, string>[]) {
      const logout = await victim.post(`${service.baseUrl}/logout/`, fields);
      expect(logout.status).toBe(403);
      expect(await logout.text()).toContain('This form has expired or did not come from this site');
    }
    expect(await whoIsLoggedIn(victim, service.baseUrl)).toBe('user1');

    const login = await new CookieJar().post(`${service.baseUrl}/login/`, { username: 'user2', password: '456' });
    expect(login.status).toBe(403);
  });

  it('shows the form again with 401 for a wrong password, keeping the username', async () => {
    const response = await logInToProvider(new CookieJar(), service.baseUrl, 'user2', 'nope');
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('Please enter a correct username and password');
    expect(html).toContain('value="user2"');
  });

  it('goes back to a local next after login, and never to another site', async () => {
    for (const [next, expected] of [
      ['/somewhere/', '/somewhere/'],
      ['//evil.example/', '/'],
      ['https://evil.example/', '/'],
    ]) {
      const jar = new CookieJar();
      const page = await jar.fetch(`${service.baseUrl}/login/?next=${encodeURIComponent(next!)}`);
      const html = await page.text();
      const response = await jar.post(`${service.baseUrl}/login/`, {
        _csrf: csrfTokenOf(html),
        username: 'user1',
        password: '123',
        next: /name="next" value="([^"]*)"/.exec(html)?.[1] ?? next!,
      });
      expect(response.headers.get('location')).toBe(expected);
    }
  });

  it('refuses to be framed', async () => {
    for (const path of ['/', '/login/']) {
      const response = await fetch(`${service.baseUrl}${path}`);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('brute-force limits', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ config: testConfig({ TRUST_PROXY: 'true' }) });
  });
  afterAll(() => service.close());

  async function tryLogin(username: string, password: string, address: string): Promise<Response> {
    const jar = new CookieJar();
    const headers = { 'x-forwarded-for': address };
    const page = await jar.fetch(`${service.baseUrl}/login/`, { headers });
    return jar.post(`${service.baseUrl}/login/`, { _csrf: csrfTokenOf(await page.text()), username, password }, { headers });
  }

  it('refuses further tries for a username after 10 with 429, Retry-After and a clear message', async () => {
    for (let i = 0; i < 10; i += 1) expect((await tryLogin('user2', 'wrong', `198.51.100.${i}`)).status).toBe(401);
    const refused = await tryLogin('user2', '456', '198.51.100.200');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await refused.text()).toContain('Too many failed logins. Try again in 15 minutes.');
  });

  it('refuses further tries from an address after 100, taking the address X-Forwarded-For ends with', async () => {
    const address = '203.0.113.77';
    for (let i = 0; i < 101; i += 1) await tryLogin(`nobody-${i}`, 'wrong', address);
    expect((await tryLogin('admin', '123', address)).status).toBe(429);
    expect((await tryLogin('admin', '123', `198.51.100.1, ${address}`)).status).toBe(429);
    expect((await tryLogin('admin', '123', '203.0.113.78')).status).toBe(303);
  });

  it('starts the count of a username again on a success', async () => {
    for (let i = 0; i < 9; i += 1) await tryLogin('user1', 'wrong', '192.0.2.50');
    expect((await tryLogin('user1', '123', '192.0.2.50')).status).toBe(303);
    for (let i = 0; i < 9; i += 1) await tryLogin('user1', 'wrong', '192.0.2.50');
    expect((await tryLogin('user1', '123', '192.0.2.50')).status).toBe(303);
  });
});

describe('the address failed logins are counted against without TRUST_PROXY', () => {
  it("is the socket's, whatever X-Forwarded-For says", async () => {
    const service = await startTestService();
    try {
      const attempt = async (username: string, password: string, forwardedFor: string) => {
        const jar = new CookieJar();
        const page = await jar.fetch(`${service.baseUrl}/login/`);
        const fields = { _csrf: csrfTokenOf(await page.text()), username, password };
        return jar.post(`${service.baseUrl}/login/`, fields, { headers: { 'x-forwarded-for': forwardedFor } });
      };
      for (let i = 0; i < 101; i += 1) await attempt(`nobody-${i}`, 'wrong', `198.51.100.${i}`);
      expect((await attempt('admin', '123', '192.0.2.1')).status).toBe(429);
    } finally {
      await service.close();
    }
  });
});

describe('session lifetime', () => {
  const clock = new FixedClock(Date.now());
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  it('ends a session after 30 minutes without a request', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user1', '123');
    clock.advance(29 * 60);
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('user1');
    clock.advance(29 * 60);
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('user1');
    clock.advance(30 * 60);
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('nobody');
  });

  it('ends a busy session 12 hours after login', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'user2', '456');
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advance(20 * 60);
      expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('user2');
    }
    clock.advance(20 * 60);
    expect(await whoIsLoggedIn(jar, service.baseUrl)).toBe('nobody');
  });
});

describe('behind an HTTPS proxy', () => {
  let service: TestService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('sends a Secure __Host- session cookie when TRUST_PROXY says the request came over HTTPS', async () => {
    service = await startTestService({ config: testConfig({ TRUST_PROXY: 'true' }) });
    const jar = new CookieJar();
    const headers = { 'x-forwarded-proto': 'https' };
    const page = await jar.fetch(`${service.baseUrl}/login/`, { headers });
    const login = await jar.post(
      `${service.baseUrl}/login/`,
      { _csrf: csrfTokenOf(await page.text()), username: 'user1', password: '123' },
      { headers },
    );
    expect(login.status).toBe(303);
    const cookies = [...page.headers.getSetCookie(), ...login.headers.getSetCookie()];
    for (const name of ['__Host-signet_session', '__Host-signet_csrf']) {
      const cookie = cookies.find((line) => line.startsWith(`${name}=`))!;
      expect(cookie).toMatch(/; secure/i);
      expect(cookie).toMatch(/; path=\//i);
      expect(cookie).not.toMatch(/; domain=/i);
    }
    const home = await (await jar.fetch(`${service.baseUrl}/`, { headers })).text();
    expect(home).toContain('logged in as <strong>user1</strong>');
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY', async () => {
    service = await startTestService();
    const page = await fetch(`${service.baseUrl}/login/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(page.headers.getSetCookie().some((line) => line.startsWith('signet_csrf='))).toBe(true);
  });
});
