import { describe, expect, it } from 'vitest';
import { SignetClient, SignetResponseError, randomNonce } from '../../../src/client/signet-client.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A fetch that records what it is asked to send and answers `status` with `answer`. */
function recordingFetch(status = 200, answer: unknown = { ok: true }): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fake = async (input: string | URL | Request, init: RequestInit = {}) => {
    const body = init.body;
    sent.push({
      url: input instanceof Request ? input.url : input.toString(),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body:
        body === undefined || body === null
          ? undefined
          : typeof body === 'string'
            ? body
            : Buffer.from(body as Uint8Array).toString(),
    });
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fake, sent };
}

const keys = { apiKey: '483a570a', secretKey: 'd7228d70cd7f456d9bfdc35ed8fee375' };
const now = () => Date.UTC(2026, 10, 28, 12, 0, 0);

describe('SignetClient', () => {
  it('signs with v2 unless told otherwise', async () => {
    const { fetch, sent } = recordingFetch();
    const client = new SignetClient({
      baseUrl: 'http://localhost:3000/',
      ...keys,
      fetch,
      now,
      nonce: () => 'AAECAwQFBgcICQoLDA0ODw',
    });
    await client.get('/api/hello/');
    expect(sent[0]!.url).toBe('http://localhost:3000/api/hello/');
    expect(sent[0]!.headers['X-Signet-Date']).toBe('20261128T120000Z');
    expect(sent[0]!.headers['X-Signet-Nonce']).toBe('AAECAwQFBgcICQoLDA0ODw');
    expect(sent[0]!.headers.Authorization).toMatch(/^SIGNET-HMAC-SHA256 Credential=483a570a, /);
  });

  it('signs with v1 in the query string when asked', async () => {
    const { fetch, sent } = recordingFetch();
    const client = new SignetClient({ baseUrl: 'http://localhost:3000', ...keys, protocol: 'v1', fetch, now });
    await client.post('/api/goodbye/', '{"message":"see you"}');
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: 'http://localhost:3000/api/goodbye/?timestamp=1795867200&apikey=483a570a&signature=IjXLNTByB%2Bec6L1%2Bf%2FuWCQgcKcgkkefAvSOrDagZIqQ%3D',
      body: '{"message":"see you"}',
    });
    expect(sent[0]!.headers.Authorization).toBeUndefined();
  });

  it('sends the caller’s headers along with the signature', async () => {
    const { fetch, sent } = recordingFetch();
    const client = new SignetClient({ baseUrl: 'http://localhost:3000', ...keys, fetch, now });
    await client.request('post', '/api/goodbye/', { body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.headers['Content-Type']).toBe('application/json');
    expect(sent[0]!.headers.Authorization).toContain('SignedHeaders=content-type;host;x-signet-date;x-signet-nonce,');
  });

  it('uses a fresh nonce for every v2 request', async () => {
    const { fetch, sent } = recordingFetch();
    const client = new SignetClient({ baseUrl: 'http://localhost:3000', ...keys, fetch, now });
    await client.get('/api/hello/');
    await client.get('/api/hello/');
    expect(sent[0]!.headers['X-Signet-Nonce']).not.toBe(sent[1]!.headers['X-Signet-Nonce']);
  });

  it('parses the JSON answer of getJson', async () => {
    const { fetch } = recordingFetch(200, { hello: 'world' });
    const client = new SignetClient({ baseUrl: 'http://localhost:3000', ...keys, fetch });
    await expect(client.getJson('/api/hello/')).resolves.toEqual({ hello: 'world' });
  });

  it('rejects getJson with the server’s message when the status is not 2xx', async () => {
    const { fetch } = recordingFetch(403, { error: 'signature error' });
    const client = new SignetClient({ baseUrl: 'http://localhost:3000', ...keys, fetch });
    const failure = client.getJson('/api/hello/');
    await expect(failure).rejects.toBeInstanceOf(SignetResponseError);
    await expect(failure).rejects.toMatchObject({ status: 403, serverMessage: 'signature error' });
  });
});

describe('randomNonce', () => {
  it('is 16 random bytes in base64url, the form the server requires', () => {
    expect(randomNonce()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomNonce()).not.toBe(randomNonce());
  });
});

describe('SignetClient after a server start', () => {
  /** A fetch answering the given statuses and errors in turn, recording what it is sent. */
  function answering(...answers: Array<[number, string]>): { fetch: typeof fetch; sent: Sent[] } {
    const sent: Sent[] = [];
    const fake = async (input: string | URL | Request, init: RequestInit = {}) => {
      sent.push({
        url: input.toString(),
        method: init.method ?? 'GET',
        headers: { ...(init.headers as Record<string, string>) },
        body: typeof init.body === 'string' ? init.body : undefined,
      });
      const [status, error] = answers[Math.min(sent.length, answers.length) - 1]!;
      return new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json' } });
    };
    return { fetch: fake, sent };
  }

  function clientOn(send: typeof fetch, slept: number[], start = Date.UTC(2026, 10, 28, 12, 0, 0) + 250) {
    let at = start;
    let nonces = 0;
    return new SignetClient({
      baseUrl: 'http://localhost:3000',
      ...keys,
      fetch: send,
      now: () => at,
      nonce: () => `nonce-${(nonces += 1)}`,
      sleep: async (ms) => {
        slept.push(ms);
        at += ms;
      },
    });
  }

  it('signs a request refused as replayed once more, dated the next second, with a fresh nonce and the same body', async () => {
    const { fetch, sent } = answering([403, 'replayed request'], [200, '']);
    const slept: number[] = [];
    const response = await clientOn(fetch, slept).post('/api/items/', '{"a":1}');
    expect(response.status).toBe(200);
    expect(slept).toEqual([750]);
    expect(sent.map((request) => request.headers['X-Signet-Date'])).toEqual(['20261128T120000Z', '20261128T120001Z']);
    expect(sent.map((request) => request.headers['X-Signet-Nonce'])).toEqual(['nonce-1', 'nonce-2']);
    expect(sent.map((request) => request.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it('signs again only once: a second refusal is the answer', async () => {
    const { fetch, sent } = answering([403, 'replayed request']);
    const response = await clientOn(fetch, []).get('/api/hello/');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'replayed request' });
    expect(sent).toHaveLength(2);
  });

  it('does not sign again for any other refusal, nor with v1', async () => {
    const other = answering([403, 'signature error'], [200, '']);
    expect((await clientOn(other.fetch, []).get('/api/hello/')).status).toBe(403);
    expect(other.sent).toHaveLength(1);
    const v1 = answering([403, 'replayed request'], [200, '']);
    const client = new SignetClient({ baseUrl: 'http://localhost:3000', ...keys, protocol: 'v1', fetch: v1.fetch, now });
    expect((await client.get('/api/hello/')).status).toBe(403);
    expect(v1.sent).toHaveLength(1);
  });
});
