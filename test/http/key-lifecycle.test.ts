import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient, type SignetProtocol } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('the key lifecycle, against the running service', () => {
  let service: TestService;
  let clock: FixedClock;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  const admin = () => adminClient(service.baseUrl, undefined, clock);
  const signer = (apiKey: string, secretKey: string, protocol: SignetProtocol) =>
    new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol, now: () => clock.now() });
  const newKey = async (fields: Record<string, unknown> = {}) =>
    (await adminCall(admin(), 'POST', '/admin/api/keys', { entryPoints: ['GET /api/hello/'], ...fields })).body as {
      apiKey: string;
      secretKey: string;
    };

  describe('rotation', () => {
    it.each(['v1', 'v2'] as const)(
      'passes a request signed with the old SEC key during the grace period and refuses it after; the new one passes (%s)',
      async (protocol) => {
        const { apiKey, secretKey: old } = await newKey();
        const rotated = await adminCall(admin(), 'POST', `/admin/api/keys/${apiKey}/rotate`, { graceSeconds: 120 });
        const fresh: string = rotated.body.secretKey;
        expect(rotated.body.previousExpiresAt).toBe(clock.now() + 120_000);

        expect((await signer(apiKey, old, protocol).get('/api/hello/')).status).toBe(200);
        expect((await signer(apiKey, fresh, protocol).get('/api/hello/')).status).toBe(200);
        clock.advance(119);
        expect((await signer(apiKey, old, protocol).get('/api/hello/')).status).toBe(200);
        clock.advance(1);
        const late = await signer(apiKey, old, protocol).get('/api/hello/');
        expect(late.status).toBe(403);
        expect(await late.json()).toEqual({ error: 'signature error' });
        expect((await signer(apiKey, fresh, protocol).get('/api/hello/')).status).toBe(200);
      },
    );

    it('cuts the grace short when the key is rotated again: the one before the last stops at once', async () => {
      const { apiKey, secretKey: first } = await newKey();
      const second: string = (await adminCall(admin(), 'POST', `/admin/api/keys/${apiKey}/rotate`, { graceSeconds: 3600 })).body
        .secretKey;
      const third: string = (await adminCall(admin(), 'POST', `/admin/api/keys/${apiKey}/rotate`, { graceSeconds: 3600 })).body
        .secretKey;
      expect((await signer(apiKey, first, 'v1').get('/api/hello/')).status).toBe(403);
      expect((await signer(apiKey, second, 'v1').get('/api/hello/')).status).toBe(200);
      expect((await signer(apiKey, third, 'v1').get('/api/hello/')).status).toBe(200);
    });
  });

  describe('expiry and state', () => {
    it('refuses a key from its expiry date on, saying so to the holder of its SEC key', async () => {
      const { apiKey, secretKey } = await newKey({ expiresAt: clock.now() + 30_000 });
      expect((await signer(apiKey, secretKey, 'v2').get('/api/hello/')).status).toBe(200);
      clock.advance(30);
      const expired = await signer(apiKey, secretKey, 'v2').get('/api/hello/');
      expect(expired.status).toBe(403);
      expect(await expired.json()).toEqual({ error: 'API key expired' });
      expect(await (await signer(apiKey, 'not-the-sec-key', 'v2').get('/api/hello/')).json()).toEqual({
        error: 'signature error',
      });
      expect((await adminCall(admin(), 'GET', `/admin/api/keys/${apiKey}`)).body.state).toBe('expired');
    });
  });

  describe('rate limit, on one instance', () => {
    it('lets exactly 60 of 100 requests sent at once through a limit of 60 a minute; the rest get 429 with Retry-After', async () => {
      const { apiKey, secretKey } = await newKey({ rateLimitPerMinute: 60 });
      const client = signer(apiKey, secretKey, 'v1');
      const responses = await Promise.all(Array.from({ length: 100 }, () => client.get('/api/hello/')));
      const statuses = responses.map((response) => response.status);
      expect(
        statuses.filter((status) => status === 200),
        statuses.join(' '),
      ).toHaveLength(60);
      expect(
        statuses.filter((status) => status === 429),
        statuses.join(' '),
      ).toHaveLength(40);
      const refused = responses.find((response) => response.status === 429)!;
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(await refused.json()).toEqual({ error: 'rate limit exceeded' });
    });

    it('opens a new window a minute after the first request of the last one', async () => {
      const { apiKey, secretKey } = await newKey({ rateLimitPerMinute: 2 });
      const client = signer(apiKey, secretKey, 'v2');
      expect((await client.get('/api/hello/')).status).toBe(200);
      clock.advance(20);
      expect((await client.get('/api/hello/')).status).toBe(200);
      const over = await client.get('/api/hello/');
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toBe('40');
      clock.advance(40);
      expect((await client.get('/api/hello/')).status).toBe(200);
    });

    it('counts a key without a limit nowhere', async () => {
      const cacheSizeBefore = (service.runtime.cradle.cache as unknown as { size: number }).size;
      const client = signer(DEMO_API_KEY.apiKey, DEMO_API_KEY.secretKey, 'v1');
      for (let i = 0; i < 5; i += 1) expect((await client.get('/api/hello/')).status).toBe(200);
      expect((service.runtime.cradle.cache as unknown as { size: number }).size).toBe(cacheSizeBefore);
    });
  });
});

describe('with API_AUTH_DEBUG=1', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ config: testConfig({ API_AUTH_DEBUG: '1' }) });
  });
  afterAll(() => service.close());

  it('a v1 signature error carries the string the server signed', async () => {
    const wrong = new SignetClient({
      baseUrl: service.baseUrl,
      apiKey: DEMO_API_KEY.apiKey,
      secretKey: 'not-it',
      protocol: 'v1',
    });
    const response = await wrong.post('/api/goodbye/?lang=en', 'so long');
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: string; protocol: string; stringToSign: string };
    expect(body).toEqual({
      error: 'signature error',
      protocol: 'v1',
      stringToSign: expect.stringMatching(/^\/api\/goodbye\/\?lang=en&timestamp=\d+&apikey=483a570aso long$/),
    });
  });

  it('a v2 signature error carries the canonical request and the string to sign', async () => {
    const wrong = new SignetClient({
      baseUrl: service.baseUrl,
      apiKey: DEMO_API_KEY.apiKey,
      secretKey: 'not-it',
      protocol: 'v2',
    });
    const response = await wrong.get('/api/hello/?b=2&a=1');
    const body = (await response.json()) as { canonicalRequest: string; stringToSign: string };
    expect(body.canonicalRequest.split('\n').slice(0, 4)).toEqual([
      'GET',
      '/api/hello/',
      'a=1&b=2',
      `host:${new URL(service.baseUrl).host}`,
    ]);
    expect(body.stringToSign).toMatch(/^SIGNET-HMAC-SHA256\n\d{8}T\d{6}Z\n[0-9a-f]{64}$/);
  });

  it('says nothing more for any other refusal', async () => {
    const response = await fetch(`${service.baseUrl}/api/hello/?apikey=483a570a&timestamp=1`);
    expect(await response.json()).toEqual({ error: 'parameter missing' });
  });
});
