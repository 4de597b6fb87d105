import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { randomNonce, signHeadersV2 } from '../../src/client/signet-client.js';
import { formatBasicIsoDate } from '../../src/domain/api-auth/timestamps.js';
import { FixedClock } from '../support/fixed-clock.js';
import { describeWithPrivateRedis, startPrivateRedisServer, type PrivateRedis } from '../support/redis-server.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const redis = await startPrivateRedisServer();

describeWithPrivateRedis(redis, 'replays after Redis loses its data', (started) => {
  let server: PrivateRedis;
  let service: TestService;
  // On a whole second, where a horizon rounded up from the time of the loss would fall on the loss
  // itself and let a request dated in that second through.
  const clock = new FixedClock(Math.floor(Date.now() / 1000) * 1000);

  beforeAll(async () => {
    server = started;
    service = await startTestService({ config: testConfig({ CACHE: 'redis', REDIS_URL: server.url }), clock });
  });
  afterAll(async () => {
    await service.close();
    await server.stop();
  });

  function signed(date: number): Record<string, string> {
    return {
      ...signHeadersV2({
        apiKey: DEMO_API_KEY.apiKey,
        secretKey: DEMO_API_KEY.secretKey,
        method: 'GET',
        url: `${service.baseUrl}/api/hello/`,
        date: formatBasicIsoDate(date),
        nonce: randomNonce(),
      }),
    };
  }

  async function send(headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${service.baseUrl}/api/hello/`, { headers });
    return { status: response.status, body: await response.json() };
  }

  /** Sends `headers` until Redis answers again (a 503 while the client reconnects), then says what came back. */
  async function sendOnceBack(headers: () => Record<string, string>): Promise<{ status: number; body: unknown }> {
    let answer = await send(headers());
    for (let tries = 0; answer.status === 503 && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await send(headers());
    }
    return answer;
  }

  it('refuses a request accepted before the loss when it is sent again after, and accepts new ones', async () => {
    clock.advance(1);
    const headers = signed(clock.now());
    expect((await send(headers)).status).toBe(200);
    expect(await send(headers)).toEqual({ status: 403, body: { error: 'replayed request' } });

    await server.kill();
    await server.restart();
    clock.advance(2);
    // The Redis that comes back remembers no nonce: without the horizon, this would pass again.
    expect(await sendOnceBack(() => headers)).toEqual({ status: 403, body: { error: 'replayed request' } });
    clock.advance(1);
    expect((await send(signed(clock.now()))).status).toBe(200);
  });

  it('refuses, for the rest of the second of a loss, requests dated in it or before, and serves from the next', async () => {
    await server.kill();
    await server.restart();
    clock.advance(1);
    expect(await sendOnceBack(() => signed(clock.now()))).toEqual({ status: 403, body: { error: 'replayed request' } });
    clock.advance(1);
    expect((await send(signed(clock.now()))).status).toBe(200);
    expect(await send(signed(clock.now() - 5000))).toEqual({ status: 403, body: { error: 'replayed request' } });
  });
});
