import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/test-service.js';

const API_KEY = '483a570a';
const SEC_KEY = 'd7228d70cd7f456d9bfdc35ed8fee375';

/** A v2 signer written from docs/signing.md alone, sharing no code with Signet. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
function signV2(method: string, url: URL, headers: Record<string, string>, body: string): string {
  const path = url.pathname
    .split('/')
    .map((s) => encode(decodeURIComponent(s)))
    .join('/');
  const pairs = [...url.searchParams].map(([n, v]) => [encode(n), encode(v)] as const);
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const canonical = [
    method,
    path,
    pairs.map(([n, v]) => `${n}=${v}`).join('&'),
    ...names.map((n) => `${n}:${headers[n]!.trim()}`),
    '',
    names.join(';'),
    sha256(body),
  ].join('\n');
  const date = headers['x-signet-date']!;
  const toSign = `SIGNET-HMAC-SHA256\n${date}\n${sha256(canonical)}`;
  const signature = createHmac('sha256', SEC_KEY).update(toSign).digest('hex');
  return `SIGNET-HMAC-SHA256 Credential=${API_KEY}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}

describe('protocol v2 over HTTP', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
  });

  /** Signs a request, then lets a test change what is sent after signing. */
  async function send(
    method: string,
    path: string,
    options: {
      body?: string;
      tamper?: (sent: { method: string; path: string; headers: Record<string, string>; body: string }) => void;
    } = {},
  ) {
    const url = new URL(path, service.baseUrl);
    const body = options.body ?? '';
    const headers: Record<string, string> = {
      host: url.host,
      'x-signet-date': new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
      'x-signet-nonce': randomBytes(16).toString('base64url'),
      'content-type': 'text/plain',
    };
    const authorization = signV2(method, url, headers, body);
    const sent = { method, path, headers: { ...headers, authorization }, body };
    options.tamper?.(sent);
    const response = await fetch(new URL(sent.path, service.baseUrl), {
      method: sent.method,
      headers: sent.headers,
      ...(sent.body !== '' ? { body: sent.body } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, sent };
  }

  it('admits a GET signed from the specification alone', async () => {
    expect(await send('GET', '/api/hello/?b=2&a=1')).toMatchObject({ status: 200, body: { hello: 'world', user: null } });
  });

  it('admits a POST with a body', async () => {
    expect(await send('POST', '/api/goodbye/', { body: 'so long' })).toMatchObject({ status: 200, body: { goodbye: 'so long' } });
  });

  it('refuses the same request sent twice as a replay', async () => {
    const first = await send('GET', '/api/hello/');
    expect(first.status).toBe(200);
    const again = await fetch(new URL(first.sent.path, service.baseUrl), { headers: first.sent.headers });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ error: 'replayed request' });
  });

  it('answers signature error when the method changes after signing', async () => {
    const result = await send('GET', '/api/goodbye/?a=1', { tamper: (s) => void (s.method = 'POST') });
    expect(result).toMatchObject({ status: 403, body: { error: 'signature error' } });
  });

  it.each([
    ['the path', (s: { path: string }) => void (s.path = '/api/goodbye/')],
    ['a query value', (s: { path: string }) => void (s.path = '/api/goodbye/?a=2')],
    ['a signed header', (s: { headers: Record<string, string> }) => void (s.headers['content-type'] = 'text/html')],
    ['the body', (s: { body: string }) => void (s.body = 'so short')],
  ])('answers signature error when %s changes after signing', async (_what, tamper) => {
    const result = await send('POST', '/api/goodbye/?a=1', { body: 'so long', tamper });
    expect(result).toMatchObject({ status: 403, body: { error: 'signature error' } });
  });

  it('answers parameter missing without the nonce', async () => {
    const result = await send('GET', '/api/hello/', {
      tamper: (s) => {
        delete s.headers['x-signet-nonce'];
      },
    });
    expect(result).toMatchObject({ status: 403, body: { error: 'parameter missing' } });
  });
});
