import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { startSsoClientApp, type TestSsoClientApp } from '../support/sso-client-app.js';
import { appHome, callbackAfterLogin, startAppLogin } from '../support/sso-client-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

interface Logged {
  level: string;
  message: string;
  fields: Readonly<Record<string, unknown>> | undefined;
}

function capturingLogger(lines: Logged[]) {
  const write = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>) =>
    lines.push({ level, message, fields });
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

async function listening<T extends Server | TcpServer>(server: T): Promise<{ server: T; url: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function closed(server: Server | TcpServer): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('the SSO client when the provider is down, slow or failing', () => {
  let provider: TestService;
  let deadUrl: string;
  let silent: { server: TcpServer; url: string };
  let stalling: { server: Server; url: string };
  let failing: { server: Server; url: string };
  let garbled: { server: Server; url: string };
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    provider = await startTestService();
    const dead = await listening(createTcpServer());
    deadUrl = dead.url;
    await closed(dead.server);
    silent = await listening(
      createTcpServer((socket) => {
        sockets.add(socket);
      }),
    );
    stalling = await listening(
      createHttpServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"request_token": "');
      }),
    );
    failing = await listening(
      createHttpServer((_request, response) => {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end('{"error": "maintenance"}');
      }),
    );
    garbled = await listening(
      createHttpServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>a captive portal</html>');
      }),
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    stalling.server.closeAllConnections();
    await Promise.all([closed(silent.server), closed(stalling.server), closed(failing.server), closed(garbled.server)]);
    await provider.close();
  });

  async function withApp(providerUrl: string, run: (app: TestSsoClientApp, log: Logged[]) => Promise<void>): Promise<void> {
    const log: Logged[] = [];
    const app = await startSsoClientApp(providerUrl, { timeoutMs: 300, logger: capturingLogger(log) });
    try {
      await run(app, log);
    } finally {
      await app.close();
    }
  }

  /** "Log in" answers the page and status given, sets no cookie, keeps nothing; the app's other pages still work. */
  async function expectLoginFails(app: TestSsoClientApp, status: number, message: string): Promise<void> {
    const sizeBefore = app.cache.size;
    const jar = new CookieJar();
    const response = await jar.fetch(`${app.baseUrl}/accounts/login/?next=/reports/`);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain(message);
    expect(page).toContain('href="/accounts/login/?next=%2F"');
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(app.cache.size).toBe(sizeBefore);
    expect((await appHome(jar, app)).user).toBeNull();
    expect((await fetch(`${app.baseUrl}/reports/`, { redirect: 'manual' })).status).toBe(302);
  }

  const unavailable = 'The login service could not be reached or did not answer in time.';

  it('answers 502 when nothing listens at the provider address', async () => {
    await withApp(deadUrl, async (app, log) => {
      await expectLoginFails(app, 502, unavailable);
      expect(log).toContainEqual({
        level: 'warn',
        message: 'the SSO provider is unreachable',
        fields: { step: 'request token', reason: 'ECONNREFUSED' },
      });
    });
  });

  it('answers 502 within the timeout when the provider accepts but never answers', async () => {
    await withApp(silent.url, async (app, log) => {
      const started = performance.now();
      await expectLoginFails(app, 502, unavailable);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(log.map((line) => line.fields?.reason)).toContain('no answer in time');
    });
  });

  it('answers 502 within the timeout when the provider stops in the middle of its answer', async () => {
    await withApp(stalling.url, async (app) => {
      await expectLoginFails(app, 502, unavailable);
    });
  });

  it('answers 502 when the provider answers 5xx', async () => {
    await withApp(failing.url, async (app, log) => {
      await expectLoginFails(app, 502, unavailable);
      expect(log).toContainEqual({
        level: 'warn',
        message: 'the SSO provider failed',
        fields: { step: 'request token', status: 503 },
      });
    });
  });

  it('answers 502 when the provider answers something other than the protocol', async () => {
    await withApp(garbled.url, async (app) => {
      await expectLoginFails(app, 502, 'The login service gave an answer this app cannot read.');
    });
  });

  it('answers 502 and logs what to check when the provider refuses the app its key', async () => {
    const log: Logged[] = [];
    const app = await startSsoClientApp(provider.baseUrl, {
      secretKey: 'not-the-sec-key-of-this-app',
      logger: capturingLogger(log),
    });
    try {
      await expectLoginFails(app, 502, 'The login service refused to serve this app');
      expect(log).toContainEqual({
        level: 'error',
        message: 'the SSO provider refused the app its request token: check SSO_URL, SSO_API_KEY and SSO_SEC_KEY',
        fields: { status: 403, reason: 'signature error' },
      });
      expect(JSON.stringify(log)).not.toContain('not-the-sec-key-of-this-app');
    } finally {
      await app.close();
    }
  });

  it('answers 502 at the callback when the provider is down, and starts no session and saves no user', async () => {
    const app = await startSsoClientApp(provider.baseUrl);
    const log: Logged[] = [];
    // The same app with the provider gone: same keys, so the browser's login cookie is as good there.
    const cutOff = await startSsoClientApp(deadUrl, { logger: capturingLogger(log) });
    try {
      const jar = new CookieJar();
      const callback = await callbackAfterLogin(jar, app, await startAppLogin(jar, app, '/reports/'));
      const response = await jar.fetch(cutOff.local(callback));
      expect(response.status).toBe(502);
      expect(await response.text()).toContain(unavailable);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await cutOff.users.findById(2)).toBeNull();
      expect((await appHome(jar, cutOff)).user).toBeNull();
      // Neither the tokens nor the signature reach the log.
      const requestToken = new URL(callback).searchParams.get('request_token')!;
      expect(JSON.stringify(log)).not.toContain(requestToken);
      expect(JSON.stringify(log)).not.toContain('signature=');
    } finally {
      await cutOff.close();
      await app.close();
    }
  });
});
