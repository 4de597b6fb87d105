import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { rawGet, rawRequest } from '../support/raw-http.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { jsClientUrl } from '../support/v1-reference-clients.js';

const BODY_LIMIT = 4096;

describe('limits on the size of a request', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ config: testConfig({ REQUEST_BODY_LIMIT_BYTES: String(BODY_LIMIT) }) });
  });
  afterAll(async () => {
    await service.close();
  });

  /** A target of exactly `bytes` bytes on the unprotected route. */
  const targetOf = (bytes: number): string => {
    const path = '/api/public/hello/?pad=';
    return path + 'x'.repeat(bytes - path.length);
  };

  const signedPost = (body: string) => {
    const { host } = new URL(service.baseUrl);
    const url = jsClientUrl('/api/goodbye/', DEMO_API_KEY.apiKey, DEMO_API_KEY.secretKey, { body });
    return rawRequest(
      service.baseUrl,
      `POST ${url} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      body,
    );
  };

  it('serves a target of 8 KiB and refuses one byte more with 414', async () => {
    expect((await rawGet(service.baseUrl, targetOf(8192))).status).toBe(200);
    const refused = await rawGet(service.baseUrl, targetOf(8193));
    expect(refused.status).toBe(414);
    expect(JSON.parse(refused.body)).toEqual({ error: 'request target too long (limit 8192 bytes)' });
  });

  it('refuses with 414, in JSON, a target too long for the header buffer, before any route runs', async () => {
    for (const size of [20_000, 100_000]) {
      const refused = await rawGet(service.baseUrl, targetOf(size));
      expect(refused.status, String(size)).toBe(414);
      expect(refused.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(refused.body)).toEqual({ error: 'request target too long (limit 8192 bytes)' });
    }
  });

  it('serves 100 query parameters and refuses 101 with 400, counting raw pieces as a proxy would', async () => {
    const query = (n: number) => Array.from({ length: n }, (_, i) => `p${i}=1`).join('&');
    expect((await rawGet(service.baseUrl, `/api/public/hello/?${query(100)}`)).status).toBe(200);
    // Empty pieces are not parameters; repeated names are.
    expect((await rawGet(service.baseUrl, `/api/public/hello/?${query(100)}&&&`)).status).toBe(200);
    const refused = await rawGet(service.baseUrl, `/api/public/hello/?${query(100)}&p0=again`);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toEqual({ error: 'too many query parameters (limit 100)' });
  });

  it('serves 100 header lines and refuses 101 with 431', async () => {
    // Host and Connection are two of them.
    const lines = (n: number) => Array.from({ length: n - 2 }, (_, i) => `X-Pad-${i}: v`);
    expect((await rawGet(service.baseUrl, '/api/public/hello/', lines(100))).status).toBe(200);
    const refused = await rawGet(service.baseUrl, '/api/public/hello/', lines(101));
    expect(refused.status).toBe(431);
    expect(JSON.parse(refused.body)).toEqual({ error: 'too many request headers (limit 100)' });
  });

  it('refuses with 431 headers too large for the header buffer', async () => {
    const refused = await rawGet(service.baseUrl, '/api/public/hello/', [`X-Big: ${'y'.repeat(20_000)}`]);
    expect(refused.status).toBe(431);
    expect(JSON.parse(refused.body)).toEqual({ error: 'request headers too large (limit 16384 bytes)' });
  });

  it('serves a signed body at the configured limit and refuses one byte more with 413', async () => {
    const atLimit = await signedPost('a'.repeat(BODY_LIMIT));
    expect(atLimit.status).toBe(200);
    const refused = await signedPost('a'.repeat(BODY_LIMIT + 1));
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toEqual({ error: `request body too large (limit ${BODY_LIMIT} bytes)` });
  });

  it('refuses with 413 a chunked body that grows past the limit, which announced no length', async () => {
    const { host } = new URL(service.baseUrl);
    const url = jsClientUrl('/api/goodbye/', DEMO_API_KEY.apiKey, DEMO_API_KEY.secretKey);
    const chunk = 'b'.repeat(1024);
    const body = `${`400\r\n${chunk}\r\n`.repeat(5)}0\r\n\r\n`;
    const refused = await rawRequest(
      service.baseUrl,
      `POST ${url} HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
      body,
    );
    expect(refused.status).toBe(413);
  });

  it('holds every limit under a burst of 100 concurrent oversized requests, and serves afterwards', async () => {
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        switch (i % 4) {
          case 0:
            return rawGet(service.baseUrl, targetOf(30_000));
          case 1:
            return rawGet(service.baseUrl, `/api/public/hello/?${'a=1&'.repeat(150)}`);
          case 2:
            return rawGet(
              service.baseUrl,
              '/api/public/hello/',
              Array.from({ length: 150 }, (_, n) => `X-${n}: v`),
            );
          default:
            return signedPost('c'.repeat(BODY_LIMIT * 4));
        }
      }),
    );
    expect(burst.map((response) => response.status)).toEqual(Array.from({ length: 100 }, (_, i) => [414, 400, 431, 413][i % 4]));
    expect((await fetch(`${service.baseUrl}/api/public/hello/`)).status).toBe(200);
  });
});
