import { request } from 'node:http';
import { expect, it } from 'vitest';
import { SignetClient } from '../../src/client/signet-client.js';
import { describeWithRedis } from '../support/redis-server.js';
import { twoInstances } from '../support/two-instances.js';
import { jsClientUrl } from '../support/v1-reference-clients.js';

const API_KEY = '483a570a';
const SEC_KEY = 'd7228d70cd7f456d9bfdc35ed8fee375';

await describeWithRedis('two instances on one Redis and one MongoDB', (redis) => {
  const instances = twoInstances({ REDIS_URL: redis.url }, { store: 'mongo' });

  it('serves a v1 request from the demo key kept encrypted in MongoDB', async () => {
    const response = await fetch(`${instances.second.baseUrl}${jsClientUrl('/api/hello/', API_KEY, SEC_KEY)}`);
    expect(await response.json()).toEqual({ hello: 'world', user: null });
  });

  it('refuses on one instance a v2 request already served by the other', async () => {
    let captured: Headers | undefined;
    const client = new SignetClient({
      baseUrl: instances.first.baseUrl,
      apiKey: API_KEY,
      secretKey: SEC_KEY,
      protocol: 'v2',
      fetch: (input, init) => {
        captured = new Headers(init?.headers);
        return fetch(input, init);
      },
    });
    expect((await client.get('/api/hello/')).status).toBe(200);
    // The same bytes, Host header included, sent to the other instance.
    const replay = await rawGet(`${instances.second.baseUrl}/api/hello/`, {
      ...Object.fromEntries(captured!),
      host: new URL(instances.first.baseUrl).host,
    });
    expect(replay).toEqual({ status: 403, body: { error: 'replayed request' } });
  });

  it('reports both backends up', async () => {
    const response = await fetch(`${instances.first.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      backends: { cache: { adapter: 'redis', status: 'up' }, store: { adapter: 'mongo', status: 'up' } },
    });
  });
});

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, setHost: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end();
  });
}
