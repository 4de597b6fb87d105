import { afterAll, beforeAll, expect, it } from 'vitest';
import { CapturingLogger } from '../support/capturing-logger.js';
import { CookieJar } from '../support/cookie-jar.js';
import { describeWithPrivateRedis, startPrivateRedisServer, type PrivateRedis } from '../support/redis-server.js';
import { csrfTokenOf, loginUrl, redeem, requestToken, tokensFrom } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const redis = await startPrivateRedisServer();

/**
 * Redis lost in the middle of an SSO handshake, between the request token and the login: the login
 * is refused with 503 while Redis is away and a clear 403 once the token is gone with Redis's data,
 * never a 500; and a token that survived a freeze completes the handshake once Redis runs again.
 */
describeWithPrivateRedis(redis, 'an SSO handshake while Redis is lost', (started) => {
  let server: PrivateRedis;
  let service: TestService;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    server = started;
    service = await startTestService({
      config: testConfig({ CACHE: 'redis', REDIS_URL: server.url, BACKEND_TIMEOUT_MS: '1000' }),
      logger,
    });
  });
  afterAll(async () => {
    await service.close();
    await server.stop();
  });

  /** The SSO login page for a fresh request token, shown in a fresh browser, ready to be submitted. */
  async function loginForm(): Promise<{ token: string; submit: () => Promise<Response> }> {
    const token = await requestToken(service.baseUrl);
    const jar = new CookieJar();
    const url = loginUrl(service.baseUrl, token);
    const _csrf = csrfTokenOf(await (await jar.fetch(url)).text());
    return { token, submit: () => jar.post(url, { _csrf, username: 'user1', password: '123' }) };
  }

  async function serviceReady(): Promise<void> {
    await expect
      .poll(async () => (await fetch(`${service.baseUrl}/health/ready`)).status, { timeout: 15_000, interval: 100 })
      .toBe(200);
  }

  it('refuses a login whose request token Redis lost in a restart with a clear 403, and grants no auth token', async () => {
    const { submit } = await loginForm();
    await server.kill();
    await server.restart();
    // Until the client has reconnected the answer is a 503; the 403 is what comes once Redis serves again.
    await serviceReady();
    const refused = await submit();
    expect(refused.status).toBe(403);
    expect(refused.headers.get('location')).toBeNull();
    expect(await refused.text()).toContain('invalid request token');
  });

  it('refuses a login with 503 while Redis is frozen, and completes the same handshake once it runs', async () => {
    const { token, submit } = await loginForm();
    server.freeze();
    let refused: Response;
    try {
      refused = await submit();
    } finally {
      server.thaw();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect(await refused.text()).toContain('cache unavailable');
    await serviceReady();
    const { authToken } = tokensFrom(await submit());
    const redeemed = await redeem(service.baseUrl, token, authToken);
    expect(redeemed.status).toBe(200);
    expect(await redeemed.json()).toMatchObject({ user: { username: 'user1' } });
    expect(logger.matching('unhandled error')).toHaveLength(0);
  });
});
