import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { adminClient } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { describeWithPrivateRedis, startPrivateRedisServer, type PrivateRedis } from '../support/redis-server.js';
import { csrfTokenOf, logInToProvider, signedGet, DEMO_SSO_KEY } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const TIMEOUT_MS = 1000;
/** What the issue allows on top of BACKEND_TIMEOUT_MS before a request must have its 503. */
const SLACK_MS = 500;

interface Probe {
  status: number;
  ms: number;
  body: string;
  retryAfter: string | null;
  type: string | null;
}

async function timed(send: () => Promise<Response>): Promise<Probe> {
  const started = performance.now();
  const response = await send();
  const body = await response.text();
  return {
    status: response.status,
    ms: performance.now() - started,
    body,
    retryAfter: response.headers.get('retry-after'),
    type: response.headers.get('content-type'),
  };
}

/** Polls `check` until it holds, for at most `ms`; resolves how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`not recovered within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now() - started;
}

const redis = await startPrivateRedisServer();

describeWithPrivateRedis(redis, 'losing Redis: refused with 503, never a 500 or a hang', (started) => {
  let server: PrivateRedis;
  let service: TestService;
  let logger: CapturingLogger;
  let loggedIn: CookieJar;
  let staff: CookieJar;
  let v2: SignetClient;

  beforeAll(async () => {
    server = started;
    logger = new CapturingLogger();
    service = await startTestService({
      config: testConfig({ CACHE: 'redis', REDIS_URL: server.url, BACKEND_TIMEOUT_MS: String(TIMEOUT_MS) }),
      logger,
    });
    loggedIn = new CookieJar();
    await logInToProvider(loggedIn, service.baseUrl, 'user1', '123');
    staff = new CookieJar();
    await logInToProvider(staff, service.baseUrl, 'admin', '123');
    v2 = new SignetClient({ baseUrl: service.baseUrl, apiKey: DEMO_API_KEY.apiKey, secretKey: DEMO_API_KEY.secretKey });
  });
  afterAll(async () => {
    await service.close();
    await server.stop();
  });

  /** Every route that needs the cache, as a client would call it. */
  const routes: Record<string, () => Promise<Response>> = {
    'a v2-signed API request': () => v2.get('/api/hello/'),
    'a request token': () => signedGet(service.baseUrl, '/sso/requesttoken/', DEMO_SSO_KEY),
    'a login': async () => {
      const jar = new CookieJar();
      const page = await jar.fetch(`${service.baseUrl}/login/`);
      return jar.post(`${service.baseUrl}/login/`, {
        _csrf: csrfTokenOf(await page.text()),
        username: 'user2',
        password: '456',
      });
    },
    'a page of a logged-in browser': () => loggedIn.fetch(`${service.baseUrl}/`),
    // Where the session decides, a lost session store is a 503, not a redirect to the login page.
    'the admin site of a logged-in staff member': () => staff.fetch(`${service.baseUrl}/admin/`),
    'the reader page of a logged-in staff member': () => staff.fetch(`${service.baseUrl}/mongo/`),
    'a v2-signed admin API request': () => adminClient(service.baseUrl).get('/admin/api/users/'),
  };

  async function expectRefused(): Promise<void> {
    for (const [name, send] of Object.entries(routes)) {
      const probe = await timed(send);
      expect(probe.status, name).toBe(503);
      expect(probe.ms, name).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(probe.retryAfter, name).not.toBeNull();
      if (probe.type?.startsWith('application/json'))
        expect(JSON.parse(probe.body), name).toEqual({ error: 'cache unavailable' });
      else expect(probe.body, name).toContain('cache unavailable');
    }
    const ready = await timed(() => fetch(`${service.baseUrl}/health/ready`));
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
  }

  async function expectServedWithin(ms: number): Promise<void> {
    await within(ms, async () => (await v2.get('/api/hello/')).status === 200);
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
    expect((await signedGet(service.baseUrl, '/sso/requesttoken/', DEMO_SSO_KEY)).status).toBe(200);
    expect((await routes['a login']!()).status).toBe(303);
  }

  it('serves while Redis answers', async () => {
    expect((await v2.get('/api/hello/')).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
  });

  it('answers 503 within the timeout while Redis is down, and serves again within 5 s of its return, with no restart', async () => {
    await server.kill();
    await expectRefused();
    await server.restart();
    await expectServedWithin(5000);
  });

  it('answers 503 within the timeout while Redis is frozen, and serves again within 5 s once it runs', async () => {
    server.freeze();
    try {
      await expectRefused();
    } finally {
      server.thaw();
    }
    await expectServedWithin(5000);
  });

  it('logs one line when the cache goes and one when it comes back, per outage, and no stack', () => {
    expect(logger.matching('cache unavailable')).toHaveLength(2);
    expect(logger.matching('cache available again')).toHaveLength(2);
    expect(logger.matching('unhandled error')).toHaveLength(0);
    expect(logger.text()).not.toMatch(/\n\s+at /);
  });
});

describe('losing MongoDB', () => {
  let mongo: TestMongo;
  let service: TestService;

  beforeAll(async () => {
    mongo = await mongoForTests();
    service = await startTestService({
      config: testConfig({
        STORE: 'mongo',
        MONGO_URL: mongo.url,
        SIGNET_MASTER_KEY: 'cd'.repeat(32),
        SIGNET_DEMO: '1',
        BACKEND_TIMEOUT_MS: String(TIMEOUT_MS),
      }),
    });
  });
  afterAll(async () => {
    await service.close();
  });

  it('answers 503 store unavailable within the timeout once the store is gone, and says so on /health/ready', async () => {
    const client = new SignetClient({
      baseUrl: service.baseUrl,
      apiKey: DEMO_API_KEY.apiKey,
      secretKey: DEMO_API_KEY.secretKey,
      protocol: 'v1',
    });
    expect((await client.get('/api/hello/')).status).toBe(200);
    await mongo.stop();
    for (const send of [() => client.get('/api/hello/'), () => signedGet(service.baseUrl, '/sso/requesttoken/', DEMO_SSO_KEY)]) {
      const probe = await timed(send);
      expect(probe.status).toBe(503);
      expect(JSON.parse(probe.body)).toEqual({ error: 'store unavailable' });
      expect(probe.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    }
    const ready = await fetch(`${service.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ backends: { store: { status: 'down' } } });
    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
  });
});
