import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { CookieJar } from '../support/cookie-jar.js';
import { describeWithPrivateRedis, startPrivateRedisServer, type PrivateRedis } from '../support/redis-server.js';
import { csrfTokenOf } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const TIMEOUT_MS = 1000;
const BURST = 100;

const redis = await startPrivateRedisServer();

/**
 * A burst of logins and signed requests while Redis is frozen or killed: each is refused (503, or
 * 429 where the login gate is full) and none is let through unchecked or answered 500; the whole
 * burst ends soon after the backend timeout; and once Redis is back, the usernames that were being
 * checked when it went log in again: no slot of the login gate stays taken.
 */
describeWithPrivateRedis(redis, 'a burst while Redis is lost', (started) => {
  let server: PrivateRedis;
  let service: TestService;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    server = started;
    service = await startTestService({
      config: testConfig({ CACHE: 'redis', REDIS_URL: server.url, BACKEND_TIMEOUT_MS: String(TIMEOUT_MS), TRUST_PROXY: 'true' }),
      logger,
    });
  });
  afterAll(async () => {
    await service.close();
    await server.stop();
  });

  /** A login form in a fresh browser at an address of its own; showing it needs no cache. */
  async function form(index: number): Promise<{ jar: CookieJar; csrf: string; headers: Record<string, string> }> {
    const jar = new CookieJar();
    const headers = { 'x-forwarded-for': `10.9.${index >> 8}.${index & 255}` };
    const page = await jar.fetch(`${service.baseUrl}/login/`, { headers });
    return { jar, csrf: csrfTokenOf(await page.text()), headers };
  }

  async function logIn(index: number, username: string, password: string): Promise<number> {
    const { jar, csrf, headers } = await form(index);
    return (await jar.post(`${service.baseUrl}/login/`, { _csrf: csrf, username, password }, { headers })).status;
  }

  for (const [loss, lose, regain] of [
    ['frozen', () => Promise.resolve(server.freeze()), () => Promise.resolve(server.thaw())],
    ['killed', () => server.kill(), () => server.restart()],
  ] as const) {
    it(`refuses everything while Redis is ${loss}, none with 500, and frees every login slot`, async () => {
      const forms = await Promise.all(Array.from({ length: BURST }, (_, index) => form(index)));
      const client = new SignetClient({
        baseUrl: service.baseUrl,
        apiKey: DEMO_API_KEY.apiKey,
        secretKey: DEMO_API_KEY.secretKey,
      });
      await lose();
      try {
        const started = performance.now();
        const statuses = await Promise.all([
          ...forms.map(({ jar, csrf, headers }, index) =>
            jar
              .post(`${service.baseUrl}/login/`, { _csrf: csrf, username: `user${index % 3}`, password: '123' }, { headers })
              .then((response) => response.status),
          ),
          ...Array.from({ length: BURST }, () => client.get('/api/hello/').then((response) => response.status)),
        ]);
        const elapsed = performance.now() - started;
        for (const status of statuses.slice(0, BURST)) expect([429, 503]).toContain(status);
        for (const status of statuses.slice(BURST)) expect(status).toBe(503);
        expect(elapsed).toBeLessThan(TIMEOUT_MS + 3000);
      } finally {
        await regain();
      }
      await expect.poll(() => logIn(1000, 'user1', '123'), { timeout: 5000, interval: 100 }).toBe(303);
      expect(await logIn(1001, 'user2', '456')).toBe(303);
      expect(logger.matching('unhandled error')).toHaveLength(0);
    });
  }
});
