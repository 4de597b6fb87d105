import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverEntryPoints } from '../../src/adapters/http/api-auth/entry-point-discovery.js';
import { loggedIn, READER_ENTRY_POINTS, readerKey, readerPath, signedReaderPath } from '../support/reader-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** A v2 Authorization header for a GET without body, written from docs/signing.md. */
function v2Headers(key: { apiKey: string; secretKey: string }, url: URL): Record<string, string> {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const date = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const nonce = randomBytes(16).toString('hex');
  const headers: Record<string, string> = { host: url.host, 'x-signet-date': date, 'x-signet-nonce': nonce };
  const path = url.pathname
    .split('/')
    .map((step) => encode(decodeURIComponent(step)))
    .join('/');
  const pairs = [...url.searchParams].map(([n, v]) => `${encode(n)}=${encode(v)}`).sort();
  const names = Object.keys(headers).sort();
  const canonical = [
    'GET',
    path,
    pairs.join('&'),
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    createHash('sha256').update('').digest('hex'),
  ].join('\n');
  const toSign = `SIGNET-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', key.secretKey).update(toSign).digest('hex');
  return {
    ...headers,
    authorization: `SIGNET-HMAC-SHA256 Credential=${key.apiKey}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

describe('who may call the reader’s JSON routes', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('lists each JSON route as an entry point, and not the page', () => {
    const names = discoverEntryPoints(service.runtime.routers).map((entry) => entry.name);
    for (const name of READER_ENTRY_POINTS) expect(names).toContain(name);
    expect(names.filter((name) => name.includes('/mongo'))).toHaveLength(READER_ENTRY_POINTS.length);
  });

  it('answers a v1-signed request with the policy applied to the key’s user', async () => {
    const key = await readerKey(service, 'user1');
    const response = await fetch(
      `${service.baseUrl}${signedReaderPath(key, readerPath('_count'), { criteria: '{"gender": 1}' })}`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: 1, count: expect.any(Number) });
    const user2 = await readerKey(service, 'user2');
    const refused = await fetch(`${service.baseUrl}${signedReaderPath(user2, readerPath('_find'))}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ ok: 0, error: 'permission disallowed' });
  });

  it('answers a v2-signed request, once per nonce', async () => {
    const key = await readerKey(service, 'user1');
    const url = new URL(`${service.baseUrl}${readerPath('_find', { limit: '2', sort: '{"name":1}' })}`);
    const headers = v2Headers(key, url);
    const first = await fetch(url, { headers });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { results: unknown[] }).results).toHaveLength(2);
    const replay = await fetch(url, { headers });
    expect(replay.status).toBe(403);
    expect(await replay.json()).toEqual({ ok: 0, error: 'replayed request' });
  });

  it('refuses a key that is not allowed the entry point, a key bound to nobody the policy names, and a bad signature', async () => {
    const countOnly = await readerKey(service, 'user1', ['GET /mongo/:db/:col/_count']);
    const notAllowed = await fetch(`${service.baseUrl}${signedReaderPath(countOnly, readerPath('_find'))}`);
    expect([notAllowed.status, await notAllowed.json()]).toEqual([
      403,
      { ok: 0, error: 'entry point not allowed for the API key' },
    ]);
    const anonymous = await readerKey(service, null);
    const nobody = await fetch(`${service.baseUrl}${signedReaderPath(anonymous, readerPath('_count'))}`);
    expect([nobody.status, await nobody.json()]).toEqual([403, { ok: 0, error: 'permission disallowed' }]);
    const key = await readerKey(service, 'user1');
    const tampered = signedReaderPath(key, readerPath('_count')).replace('_count?', '_count?criteria=%7B%7D&');
    const forged = await fetch(`${service.baseUrl}${tampered}`);
    expect([forged.status, await forged.json()]).toEqual([403, { ok: 0, error: 'signature error' }]);
  });

  it('holds a request with any part of a signature to the signature, even with a logged-in session beside it', async () => {
    const jar = await loggedIn(service, 'user1', '123');
    expect((await jar.fetch(`${service.baseUrl}${readerPath('_count')}`)).status).toBe(200);
    for (const extra of ['apikey=483a570a', 'signature=abc', 'timestamp=1']) {
      const response = await jar.fetch(`${service.baseUrl}${readerPath('_count')}?${extra}`);
      expect(response.status, extra).toBe(403);
      expect(await response.json()).toEqual({ ok: 0, error: 'parameter missing' });
    }
    const v2 = await jar.fetch(`${service.baseUrl}${readerPath('_count')}`, {
      headers: { authorization: 'SIGNET-HMAC-SHA256 Credential=x' },
    });
    expect(v2.status).toBe(403);
  });

  it('answers 401 to a stale or forged session cookie', async () => {
    const jar = await loggedIn(service, 'user1', '123');
    const stale = jar.clone();
    const home = await (await jar.fetch(`${service.baseUrl}/`)).text();
    await jar.post(`${service.baseUrl}/logout/`, { _csrf: /name="_csrf" value="([^"]+)"/.exec(home)![1]! });
    expect((await stale.fetch(`${service.baseUrl}${readerPath('_count')}`)).status).toBe(401);
    const forged = jar.clone();
    forged.set('signet_session', 'made-up');
    forged.set('signet_session.sig', 'made-up');
    expect((await forged.fetch(`${service.baseUrl}${readerPath('_count')}`)).status).toBe(401);
  });
});
