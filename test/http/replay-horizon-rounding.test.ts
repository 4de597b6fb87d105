import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { randomNonce, signHeadersV2 } from '../../src/client/signet-client.js';
import { formatBasicIsoDate } from '../../src/domain/api-auth/timestamps.js';
import { FixedClock } from '../support/fixed-clock.js';
import { describeWithPrivateRedis, startPrivateRedisServer, type PrivateRedis } from '../support/redis-server.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * A v2 date has whole seconds, so a request accepted in the very second the cache then loses its
 * data is dated at the start of that second: before the moment the cache started remembering again.
 * docs/signing.md promises that such a request is refused ("a request dated before that moment is
 * refused with `replayed request`"); the horizon must not be rounded down to the second, which
 * lets that request through again for the whole drift window.
 */
const ACCEPTED_AT = Date.UTC(2026, 10, 28, 12, 0, 0, 100);
const LOST_AT = ACCEPTED_AT + 500;

function signed(baseUrl: string): Record<string, string> {
  return {
    ...signHeadersV2({
      apiKey: DEMO_API_KEY.apiKey,
      secretKey: DEMO_API_KEY.secretKey,
      method: 'GET',
      url: `${baseUrl}/api/hello/`,
      date: formatBasicIsoDate(ACCEPTED_AT),
      nonce: randomNonce(),
    }),
  };
}

async function send(baseUrl: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/hello/`, { headers });
  return { status: response.status, body: await response.json() };
}

/** Sends `headers` (with the Host they were signed for) to another instance, as a client behind one name would. */
function sendTo(baseUrl: string, headers: Record<string, string>, host: string): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path: '/api/hello/', headers: { ...headers, host } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the replay horizon of a memory cache', () => {
  it('refuses, after a restart within the same second, a request accepted just before it', async () => {
    // A service that has been running for a while when the request comes.
    const running = new FixedClock(ACCEPTED_AT - 60_000);
    const before = await startTestService({ clock: running });
    running.set(ACCEPTED_AT);
    const headers = signed(before.baseUrl);
    const host = new URL(before.baseUrl).host;
    try {
      expect((await send(before.baseUrl, headers)).status).toBe(200);
    } finally {
      await before.close();
    }
    const after = await startTestService({ clock: new FixedClock(LOST_AT), justStarted: true });
    try {
      expect(await sendTo(after.baseUrl, headers, host)).toEqual({ status: 403, body: { error: 'replayed request' } });
    } finally {
      await after.close();
    }
  });
});

const redis = await startPrivateRedisServer();

describeWithPrivateRedis(redis, 'the replay horizon of Redis', (started) => {
  let server: PrivateRedis;
  let service: TestService;
  // Redis and the service have been running for a while when the request comes.
  const clock = new FixedClock(ACCEPTED_AT - 60_000);

  beforeAll(async () => {
    server = started;
    service = await startTestService({ config: testConfig({ CACHE: 'redis', REDIS_URL: server.url }), clock });
  });
  afterAll(async () => {
    await service.close();
    await server.stop();
  });

  it('refuses, after Redis loses its data within the same second, a request accepted just before', async () => {
    clock.set(ACCEPTED_AT);
    const headers = signed(service.baseUrl);
    expect((await send(service.baseUrl, headers)).status).toBe(200);
    await server.kill();
    await server.restart();
    clock.set(LOST_AT);
    // Wait for the client to reconnect, with fresh requests (each dated the second of the loss).
    await expect.poll(async () => (await send(service.baseUrl, signed(service.baseUrl))).status, { timeout: 5000 }).not.toBe(503);
    expect(await send(service.baseUrl, headers)).toEqual({ status: 403, body: { error: 'replayed request' } });
  });
});
