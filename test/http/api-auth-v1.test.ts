import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/test-service.js';
import { jsClientUrl, pythonClientUrl } from '../support/v1-reference-clients.js';

const API_KEY = '483a570a';
const SEC_KEY = 'd7228d70cd7f456d9bfdc35ed8fee375';

describe('protocol v1 over HTTP, as dj-api-auth clients speak it', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
  });

  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${service.baseUrl}${path}`, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('serves hello to the JavaScript client', async () => {
    expect(await call(jsClientUrl('/api/hello/', API_KEY, SEC_KEY))).toEqual({
      status: 200,
      body: { hello: 'world', user: null },
    });
  });

  it('serves hello to the Python client', async () => {
    expect(await call(pythonClientUrl('/api/hello/', API_KEY, SEC_KEY))).toEqual({
      status: 200,
      body: { hello: 'world', user: null },
    });
  });

  it('serves goodbye on GET with no body', async () => {
    expect(await call(pythonClientUrl('/api/goodbye/', API_KEY, SEC_KEY))).toEqual({ status: 200, body: { goodbye: null } });
  });

  it('serves goodbye on POST and signs the raw body', async () => {
    const body = 'name=world&greeting=so+long';
    const url = pythonClientUrl('/api/goodbye/', API_KEY, SEC_KEY, { body });
    const result = await call(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(result).toEqual({ status: 200, body: { goodbye: body } });
  });

  it('refuses a POST whose body differs from the one signed', async () => {
    const url = pythonClientUrl('/api/goodbye/', API_KEY, SEC_KEY, { body: 'a=1' });
    expect(await call(url, { method: 'POST', body: 'a=2' })).toEqual({ status: 403, body: { error: 'signature error' } });
  });

  it('verifies a signature whose + arrives percent-encoded as %2B', async () => {
    // Find a timestamp whose signature holds a +, then send it encoded.
    for (let i = 0; i < 200; i += 1) {
      const url = jsClientUrl('/api/hello/', API_KEY, SEC_KEY, { timestamp: (Date.now() / 1000 + i / 1000).toFixed(3) });
      const signature = url.slice(url.indexOf('&signature=') + 11);
      if (!signature.includes('+')) continue;
      const encoded = url.replace(signature, encodeURIComponent(signature));
      expect((await call(encoded)).status).toBe(200);
      expect((await call(url)).status).toBe(200);
      return;
    }
    throw new Error('no signature with a + found');
  });

  it('signs parameters the client puts after the signature too', async () => {
    const url = `${jsClientUrl('/api/hello/', API_KEY, SEC_KEY)}&extra=1`;
    expect(await call(url)).toEqual({ status: 403, body: { error: 'signature error' } });
  });

  it('accepts a query the client encoded differently from Python, as the original server did', async () => {
    const timestamp = String(Date.now() / 1000);
    const signedAsPython = pythonClientUrl('/api/hello/', API_KEY, SEC_KEY, { params: [['q', 'a b']], timestamp });
    const sentWithPercent20 = signedAsPython.replace('q=a+b', 'q=a%20b');
    expect((await call(sentWithPercent20)).status).toBe(200);
  });

  it('answers 403 parameter missing without a signature', async () => {
    expect(await call(`/api/hello/?apikey=${API_KEY}&timestamp=${Date.now() / 1000}`)).toEqual({
      status: 403,
      body: { error: 'parameter missing' },
    });
  });

  it('answers 403 signature error for an unknown key, as for a known key with a wrong signature', async () => {
    expect(await call(jsClientUrl('/api/hello/', 'deadbeef', SEC_KEY))).toEqual({
      status: 403,
      body: { error: 'signature error' },
    });
  });

  it('answers 403 signature error for a wrong SEC key', async () => {
    expect(await call(jsClientUrl('/api/hello/', API_KEY, 'not-the-key'))).toEqual({
      status: 403,
      body: { error: 'signature error' },
    });
  });

  it('answers 403 timestamp rift for a stale timestamp', async () => {
    const result = await call(jsClientUrl('/api/hello/', API_KEY, SEC_KEY, { timestamp: String(Date.now() / 1000 - 3600) }));
    expect(result.status).toBe(403);
    expect(result.body.error).toMatch(/^timestamp rift 36\d\d$/);
  });

  it('answers 403 timestamp rift for timestamp=nan, which dj-api-auth let live for ever', async () => {
    const result = await call(jsClientUrl('/api/hello/', API_KEY, SEC_KEY, { timestamp: 'nan' }));
    expect(result).toEqual({ status: 403, body: { error: 'timestamp rift invalid' } });
  });

  it('answers 403 for a signature that is not 32 bytes of base64, without a 500', async () => {
    const result = await call(`/api/hello/?apikey=${API_KEY}&timestamp=${Date.now() / 1000}&signature=abc`);
    expect(result).toEqual({ status: 403, body: { error: 'signature error' } });
  });

  it('serves the unprotected twin of hello without any signature', async () => {
    expect(await call('/api/public/hello/')).toEqual({ status: 200, body: { hello: 'world', user: null } });
  });

  it('answers HEAD on a protected GET route through the same entry point', async () => {
    const response = await fetch(`${service.baseUrl}${jsClientUrl('/api/hello/', API_KEY, SEC_KEY)}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
  });

  it('verifies a request a proxy forwards in absolute form', async () => {
    const signed = jsClientUrl('/api/hello/', API_KEY, SEC_KEY);
    const { port } = new URL(service.baseUrl);
    const answer = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `${service.baseUrl}${signed}` }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual({ status: 200, body: { hello: 'world', user: null } });
  });

  it('answers an unknown path with a JSON 404', async () => {
    expect(await call('/nowhere')).toEqual({ status: 404, body: { error: 'not found' } });
  });

  it('answers a method the route does not have with a JSON 405 that lists the allowed ones', async () => {
    const response = await fetch(`${service.baseUrl}/api/hello/`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('HEAD, GET');
    expect(await response.json()).toEqual({ error: 'method not allowed' });
  });

  it('refuses a body above the limit with 413 before reading it all', async () => {
    const body = 'x'.repeat(1024 * 1024 + 1);
    const result = await call(jsClientUrl('/api/goodbye/', API_KEY, SEC_KEY, { body }), { method: 'POST', body });
    expect(result.status).toBe(413);
  });
});
