import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_SSO_HOST } from '../../src/application/demo/demo-data.js';
import { createPinoLogger } from '../../src/adapters/system/pino-logger.js';
import { randomNonce, signHeadersV2 } from '../../src/client/signet-client.js';
import { formatBasicIsoDate } from '../../src/domain/api-auth/timestamps.js';
import { CookieJar } from '../support/cookie-jar.js';
import { csrfTokenOf, DEMO_NEXT, loginUrl, tokensFrom } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { aUser } from '../support/user-mother.js';
import { jsClientUrl, pythonClientUrl } from '../support/v1-reference-clients.js';

const USERNAME = 'log-tester';
const PASSWORD = 'correct-horse-battery-staple-42';
const WRONG_PASSWORD = 'not-the-password-but-still-secret-17';

interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

describe('the request log', () => {
  let service: TestService;
  let output = '';
  /** Every secret value the requests below carry, each of which must be absent from the log. */
  const secrets = new Set<string>([DEMO_API_KEY.secretKey, DEMO_SSO_HOST.secretKey, PASSWORD, WRONG_PASSWORD]);
  let requests = 0;

  const lines = (): LogLine[] =>
    output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LogLine);
  const requestLines = () => lines().filter((line) => line.msg === 'request');

  /** fetch through the jar, remembering every secret the exchange carried. */
  async function send(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
    requests += 1;
    const target = new URL(url);
    for (const name of ['signature', 'request_token', 'auth_token']) {
      const value = target.searchParams.get(name);
      if (value) secrets.add(value).add(encodeURIComponent(value));
    }
    const headers = new Headers(init.headers);
    for (const name of ['authorization', 'x-signet-nonce']) {
      const value = headers.get(name);
      if (value) secrets.add(value);
    }
    for (const name of jar.names()) secrets.add(jar.get(name)!);
    const response = await jar.fetch(url, init);
    for (const name of jar.names()) secrets.add(jar.get(name)!);
    return response;
  }

  async function post(jar: CookieJar, url: string, fields: Record<string, string>): Promise<Response> {
    if (fields._csrf) secrets.add(fields._csrf);
    return send(jar, url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const logger = await createPinoLogger({ level: 'info', format: 'json', destination });
    service = await startTestService({ config: testConfig({ LOG_LEVEL: 'info' }), logger });
    const { passwordHasher, userDirectory } = service.runtime.cradle;
    await userDirectory.save(aUser({ username: USERNAME, passwordHash: await passwordHasher.hash(PASSWORD) }));

    const base = service.baseUrl;
    const sso = { apiKey: DEMO_SSO_HOST.apiKey, secretKey: DEMO_SSO_HOST.secretKey };

    // The whole SSO handshake, with a wrong password first.
    const app = new CookieJar();
    const tokenResponse = await send(app, `${base}${pythonClientUrl('/sso/requesttoken/', sso.apiKey, sso.secretKey)}`);
    const { request_token: requestToken } = (await tokenResponse.json()) as { request_token: string };
    secrets.add(requestToken);
    const browser = new CookieJar();
    const page = await send(browser, loginUrl(base, requestToken, { next: DEMO_NEXT }));
    const csrf = csrfTokenOf(await page.text());
    const url = loginUrl(base, requestToken, { next: DEMO_NEXT });
    expect((await post(browser, url, { _csrf: csrf, username: USERNAME, password: WRONG_PASSWORD })).status).toBe(401);
    const { authToken } = tokensFrom(await post(browser, url, { _csrf: csrf, username: USERNAME, password: PASSWORD }));
    secrets.add(authToken);
    const redeemUrl = pythonClientUrl('/sso/authtoken/', sso.apiKey, sso.secretKey, {
      params: [
        ['request_token', requestToken],
        ['auth_token', authToken],
      ],
    });
    expect((await send(app, `${base}${redeemUrl}`)).status).toBe(200);

    // The provider's own login, then a page with the session cookie.
    const home = await send(browser, `${base}/login/`);
    const loginCsrf = csrfTokenOf(await home.text());
    expect((await post(browser, `${base}/login/`, { _csrf: loginCsrf, username: USERNAME, password: PASSWORD })).status).toBe(
      303,
    );
    expect((await send(browser, `${base}/`)).status).toBe(200);

    // A v1 and a v2 request, and a v2 request with a wrong signature.
    const client = new CookieJar();
    expect((await send(client, `${base}${jsClientUrl('/api/hello/', DEMO_API_KEY.apiKey, DEMO_API_KEY.secretKey)}`)).status).toBe(
      200,
    );
    const v2 = (): Record<string, string> => ({
      ...signHeadersV2({
        apiKey: DEMO_API_KEY.apiKey,
        secretKey: DEMO_API_KEY.secretKey,
        method: 'GET',
        url: `${base}/api/hello/`,
        date: formatBasicIsoDate(Date.now()),
        nonce: randomNonce(),
      }),
    });
    expect((await send(client, `${base}/api/hello/`, { headers: v2() })).status).toBe(200);
    const forged = v2();
    forged.Authorization = forged.Authorization!.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === 'a' ? 'b' : 'a'}`);
    expect((await send(client, `${base}/api/hello/`, { headers: forged })).status).toBe(403);
    // Secrets sent where nothing expects them.
    client.set('stray', 'stray-cookie-value-that-is-secret');
    expect(
      (
        await send(client, `${base}/api/public/hello/?password=query-password-secret&Signature=AbC`, {
          headers: { authorization: 'Bearer a-bearer-token-that-is-secret' },
        })
      ).status,
    ).toBe(200);
    secrets.add('query-password-secret');
  });

  afterAll(async () => {
    await service.close();
  });

  it('writes one JSON line per request, with its id, method, route, status, time, key and user', () => {
    const logged = requestLines();
    expect(logged).toHaveLength(requests);
    for (const line of logged) {
      expect(line).toMatchObject({
        level: 'info',
        reqId: expect.any(String),
        method: expect.any(String),
        status: expect.any(Number),
      });
      expect(typeof line.ms).toBe('number');
    }
    expect(new Set(logged.map((line) => line.reqId)).size).toBe(requests);
    expect(logged).toContainEqual(
      expect.objectContaining({ method: 'GET', route: '/api/hello/', status: 200, apiKey: DEMO_API_KEY.apiKey, user: null }),
    );
    expect(logged).toContainEqual(
      expect.objectContaining({ method: 'GET', route: '/sso/authtoken/', status: 200, apiKey: DEMO_SSO_HOST.apiKey }),
    );
    expect(logged).toContainEqual(expect.objectContaining({ method: 'GET', route: '/', status: 200, user: USERNAME }));
    expect(logged).toContainEqual(expect.objectContaining({ method: 'POST', route: '/sso/login/', status: 401, apiKey: null }));
  });

  it('sends each request its id, the one its line carries', async () => {
    const response = await fetch(`${service.baseUrl}/health/live`);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]+-[0-9a-z]+$/);
    expect(requestLines().at(-1)).toMatchObject({ reqId: id, route: '/health/live' });
    requests += 1;
  });

  it('says which parameters a request had, with every secret value redacted', () => {
    const redeem = requestLines().find((line) => line.route === '/sso/authtoken/');
    expect(redeem?.url).toMatch(
      /request_token=\[redacted\]&auth_token=\[redacted\]&timestamp=[\d.]+&apikey=5f0c2a7e&signature=\[redacted\]/,
    );
  });

  it('holds none of the passwords, SEC keys, signatures, tokens, nonces, cookies or Authorization headers sent', () => {
    expect(secrets.size).toBeGreaterThan(20);
    for (const secret of secrets) expect(output, secret).not.toContain(secret);
  });
});

describe('the request log, switched off', () => {
  it('writes no line and sends no request id when LOG_LEVEL is above info', async () => {
    let output = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const logger = await createPinoLogger({ level: 'warn', format: 'json', destination });
    const service = await startTestService({ config: testConfig({ LOG_LEVEL: 'warn' }), logger });
    try {
      const response = await fetch(`${service.baseUrl}/api/public/hello/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBeNull();
      expect(output).toBe('');
    } finally {
      await service.close();
    }
  });
});
