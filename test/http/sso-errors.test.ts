import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import {
  csrfTokenOf,
  DEMO_NEXT,
  DEMO_SSO_KEY,
  logInOnSsoPage,
  loginUrl,
  redeem,
  requestToken,
  signedGet,
  tokensFrom,
  type SsoKey,
} from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('what the SSO provider refuses', () => {
  let service: TestService;
  let otherApp: SsoKey;
  let remoteApp: SsoKey;

  beforeAll(async () => {
    service = await startTestService();
    const { addSsoHost } = service.container.cradle;
    const other = await addSsoHost.execute({ host: 'localhost:9000' });
    otherApp = { apiKey: other.apiKey, secretKey: other.secretKey };
    const remote = await addSsoHost.execute({ host: 'app.example.com' });
    remoteApp = { apiKey: remote.apiKey, secretKey: remote.secretKey };
  });
  afterAll(() => service.close());

  async function loggedInPair(key: SsoKey = DEMO_SSO_KEY): Promise<{ requestToken: string; authToken: string }> {
    const token = await requestToken(service.baseUrl, key);
    const next = key === DEMO_SSO_KEY ? DEMO_NEXT : 'http://localhost:9000/back/';
    return tokensFrom(
      await logInOnSsoPage(new CookieJar(), loginUrl(service.baseUrl, token, { apiKey: key.apiKey, next }), 'user1', '123'),
    );
  }

  async function expectPage(response: Response, status: number, message: string): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain(message);
  }

  describe('the request token API', () => {
    it('answers an unsigned request with 403 parameter missing', async () => {
      const response = await fetch(`${service.baseUrl}/sso/requesttoken/`);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'parameter missing' });
    });

    it('answers a key that is not allowed the SSO APIs with 403', async () => {
      const response = await signedGet(service.baseUrl, '/sso/requesttoken/', DEMO_API_KEY);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'entry point not allowed for the API key' });
    });
  });

  describe('the login page', () => {
    it('answers 403 parameter missing when any of api_key, request_token or next is missing', async () => {
      const token = await requestToken(service.baseUrl);
      for (const missing of ['api_key', 'request_token', 'next']) {
        const url = new URL(loginUrl(service.baseUrl, token));
        url.searchParams.delete(missing);
        await expectPage(await fetch(url), 403, 'parameter missing');
      }
    });

    it('answers 403 invalid request token for a token never issued', async () => {
      await expectPage(await fetch(loginUrl(service.baseUrl, 'A'.repeat(43))), 403, 'invalid request token');
    });

    it('answers 403 invalid request token for a token issued to another key', async () => {
      const token = await requestToken(service.baseUrl, otherApp);
      await expectPage(await fetch(loginUrl(service.baseUrl, token)), 403, 'invalid request token');
    });

    it('answers 403 invalid request token once the token is used', async () => {
      const token = await requestToken(service.baseUrl);
      const jar = new CookieJar();
      tokensFrom(await logInOnSsoPage(jar, loginUrl(service.baseUrl, token), 'user1', '123'));
      await expectPage(await jar.fetch(loginUrl(service.baseUrl, token)), 403, 'invalid request token');
    });

    it('refuses a second login with the same request token', async () => {
      const token = await requestToken(service.baseUrl);
      const url = loginUrl(service.baseUrl, token);
      const jar = new CookieJar();
      const _csrf = csrfTokenOf(await (await jar.fetch(url)).text());
      tokensFrom(await jar.post(url, { _csrf, username: 'user1', password: '123' }));
      await expectPage(await jar.post(url, { _csrf, username: 'user2', password: '456' }), 403, 'invalid request token');
    });

    it.each([
      ['another host', 'http://evil.example/steal'],
      ['another port', 'http://localhost:8001/sso/auth/'],
      ['userinfo', 'http://user:pass@localhost:8000/sso/auth/'],
      ['a backslash', 'http://evil.example\\@localhost:8000/'],
      ['a relative URL', '/sso/auth/'],
    ])('answers 403 request deny for remote host for a next with %s', async (_, next) => {
      const token = await requestToken(service.baseUrl);
      await expectPage(await fetch(loginUrl(service.baseUrl, token, { next })), 403, 'request deny for remote host');
    });

    it('requires https for a next off localhost', async () => {
      const token = await requestToken(service.baseUrl, remoteApp);
      const page = (next: string) => fetch(loginUrl(service.baseUrl, token, { apiKey: remoteApp.apiKey, next }));
      await expectPage(await page('http://app.example.com/back/'), 403, 'request deny for remote host');
      expect((await page('https://app.example.com/back/')).status).toBe(200);
    });

    it('answers 403 request deny for remote host for a next on the host of another key', async () => {
      const token = await requestToken(service.baseUrl);
      await expectPage(
        await fetch(loginUrl(service.baseUrl, token, { next: 'http://localhost:9000/back/' })),
        403,
        'request deny for remote host',
      );
    });

    it('refuses to be framed, whatever it answers', async () => {
      const token = await requestToken(service.baseUrl);
      for (const url of [loginUrl(service.baseUrl, token), loginUrl(service.baseUrl, 'A'.repeat(43))]) {
        const response = await fetch(url);
        expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(response.headers.get('x-frame-options')).toBe('DENY');
      }
    });

    it('refuses a POST without a valid CSRF token, and binds nobody', async () => {
      const token = await requestToken(service.baseUrl);
      const url = loginUrl(service.baseUrl, token);
      const jar = new CookieJar();
      await jar.fetch(url);
      for (const fields of [{}, { _csrf: 'forged' }] as Record<string, string>[]) {
        const response = await jar.post(url, { ...fields, username: 'user1', password: '123' });
        expect(response.status).toBe(403);
      }
      const stranger = await new CookieJar().post(url, { username: 'user1', password: '123' });
      expect(stranger.status).toBe(403);
      expect(await (await redeem(service.baseUrl, token, 'A'.repeat(43))).json()).toEqual({ error: 'request token error' });
    });

    it('shows the form again with 401 for a wrong password', async () => {
      const token = await requestToken(service.baseUrl);
      const response = await logInOnSsoPage(new CookieJar(), loginUrl(service.baseUrl, token), 'user1', 'wrong');
      expect(response.status).toBe(401);
      const html = await response.text();
      expect(html).toContain('Please enter a correct username and password');
      expect(html).toContain('value="user1"');
      expect(html).not.toContain('wrong');
    });
  });

  describe('the auth token API', () => {
    it('answers 403 parameter missing without both tokens', async () => {
      for (const params of [[], [['request_token', 'A'.repeat(43)]], [['auth_token', 'A'.repeat(43)]]] as [string, string][][]) {
        const response = await signedGet(service.baseUrl, '/sso/authtoken/', DEMO_SSO_KEY, params);
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({ error: 'parameter missing' });
      }
    });

    it('answers 403 request token not found for a token never issued', async () => {
      const response = await redeem(service.baseUrl, 'A'.repeat(43), 'B'.repeat(43));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'request token not found' });
    });

    it('answers 403 request token error before anyone logged in', async () => {
      const token = await requestToken(service.baseUrl);
      const response = await redeem(service.baseUrl, token, 'B'.repeat(43));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'request token error' });
    });

    it('answers 403 auth token error for a wrong auth token, and burns the pair', async () => {
      const { requestToken: token, authToken } = await loggedInPair();
      const wrong = await redeem(service.baseUrl, token, 'B'.repeat(43));
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ error: 'auth token error' });
      expect(await (await redeem(service.baseUrl, token, authToken)).json()).toEqual({ error: 'request token not found' });
    });

    it('answers a second redemption with 403', async () => {
      const { requestToken: token, authToken } = await loggedInPair();
      expect((await redeem(service.baseUrl, token, authToken)).status).toBe(200);
      const again = await redeem(service.baseUrl, token, authToken);
      expect(again.status).toBe(403);
      expect(await again.json()).toEqual({ error: 'request token not found' });
    });

    it('answers a redemption signed by another key with 403, and leaves the pair to the app it was issued to', async () => {
      const { requestToken: token, authToken } = await loggedInPair();
      const stolen = await redeem(service.baseUrl, token, authToken, otherApp);
      expect(stolen.status).toBe(403);
      expect(await stolen.json()).toEqual({ error: 'request token not found' });
      expect((await redeem(service.baseUrl, token, authToken)).status).toBe(200);
    });

    it('lets no other key burn a request token nobody has logged in with yet', async () => {
      const token = await requestToken(service.baseUrl);
      const burn = await redeem(service.baseUrl, token, 'A'.repeat(43), otherApp);
      expect(await burn.json()).toEqual({ error: 'request token not found' });
      const { authToken } = tokensFrom(await logInOnSsoPage(new CookieJar(), loginUrl(service.baseUrl, token), 'user1', '123'));
      expect((await redeem(service.baseUrl, token, authToken)).status).toBe(200);
    });

    it('lets exactly one of two simultaneous redemptions through', async () => {
      const { requestToken: token, authToken } = await loggedInPair();
      const statuses = await Promise.all([
        redeem(service.baseUrl, token, authToken),
        redeem(service.baseUrl, token, authToken),
      ]).then((responses) => responses.map((response) => response.status));
      expect(statuses.sort()).toEqual([200, 403]);
    });
  });
});

describe('expiry over HTTP', () => {
  it('refuses a request token after SSO_REQUEST_TOKEN_TTL seconds', async () => {
    const clock = new FixedClock(Date.now());
    const service = await startTestService({ config: testConfig({ SSO_REQUEST_TOKEN_TTL: '1' }), clock });
    try {
      const token = await requestToken(service.baseUrl);
      expect((await fetch(loginUrl(service.baseUrl, token))).status).toBe(200);
      clock.advance(1.1);
      const page = await fetch(loginUrl(service.baseUrl, token));
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('invalid request token');
    } finally {
      await service.close();
    }
  });

  it('refuses to redeem a pair more than 60 seconds after the login', async () => {
    const clock = new FixedClock(Date.now());
    const service = await startTestService({ clock });
    try {
      const token = await requestToken(service.baseUrl);
      const { authToken } = tokensFrom(await logInOnSsoPage(new CookieJar(), loginUrl(service.baseUrl, token), 'user1', '123'));
      clock.advance(61);
      const response = await redeem(service.baseUrl, token, authToken);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'request token not found' });
    } finally {
      await service.close();
    }
  });
});
