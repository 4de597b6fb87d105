import { expect, it } from 'vitest';
import { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { describeWithRedis } from '../support/redis-server.js';
import { twoInstances } from '../support/two-instances.js';

await describeWithRedis('a per-key rate limit on two instances sharing Redis', (redis) => {
  const instances = twoInstances(
    { REDIS_URL: redis.url },
    {
      store: 'mongo',
      env: {
        SIGNET_MASTER_KEY: 'cd'.repeat(32),
        // The burst queues at the store (the MongoDB stand-in runs in this busy test process): this
        // test counts requests, and a 503 for a slow store would be another test's business.
        BACKEND_TIMEOUT_MS: '30000',
      },
    },
  );

  const newKey = async (perMinute: number) => {
    const created = await adminCall(adminClient(instances.first.baseUrl), 'POST', '/admin/api/keys', {
      entryPoints: ['GET /api/hello/'],
      rateLimitPerMinute: perMinute,
    });
    return created.body as { apiKey: string; secretKey: string };
  };

  it('lets exactly 60 of 100 requests sent at once, half to each instance, through a limit of 60 a minute', async () => {
    const { apiKey, secretKey } = await newKey(60);
    const clients = [instances.first, instances.second].map(
      (service) => new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol: 'v2' }),
    );
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => clients[i % 2]!.get('/api/hello/')));
    const statuses = responses.map((response) => response.status);
    expect(
      statuses.filter((status) => status === 200),
      statuses.join(' '),
    ).toHaveLength(60);
    expect(
      statuses.filter((status) => status === 429),
      statuses.join(' '),
    ).toHaveLength(40);
    for (const response of responses.filter((candidate) => candidate.status === 429)) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    const onEach = [0, 1].map((instance) => statuses.filter((status, i) => i % 2 === instance && status === 200).length);
    expect(onEach.every((served) => served > 0)).toBe(true);
  });

  it('refuses the 61st request of the minute on one instance after 60 on the other', async () => {
    const { apiKey, secretKey } = await newKey(60);
    const one = new SignetClient({ baseUrl: instances.first.baseUrl, apiKey, secretKey, protocol: 'v1' });
    const other = new SignetClient({ baseUrl: instances.second.baseUrl, apiKey, secretKey, protocol: 'v1' });
    for (let i = 0; i < 60; i += 1) expect((await one.get('/api/hello/')).status).toBe(200);
    const sixtyFirst = await other.get('/api/hello/');
    expect(sixtyFirst.status).toBe(429);
    expect(sixtyFirst.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
