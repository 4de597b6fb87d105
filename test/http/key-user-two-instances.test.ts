import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

await describeWithRedis('a user deactivated, or no longer staff, on one instance, seen by the other', (redis) => {
  let mongo: TestMongo;
  let first: TestService;
  let second: TestService;

  beforeAll(async () => {
    mongo = await mongoForTests();
    const config = testConfig({
      CACHE: 'redis',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: uniqueKeyPrefix(),
      STORE: 'mongo',
      MONGO_URL: mongo.url,
      SIGNET_MASTER_KEY: 'ab'.repeat(32),
      SIGNET_DEMO: '1',
    });
    first = await startTestService({ config });
    second = await startTestService({ config });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await mongo.stop();
  });

  it('refuses the key on the other instance from its next request', async () => {
    const admin = adminClient(first.baseUrl, DEMO_ADMIN_KEY);
    await adminCall(admin, 'POST', '/admin/api/users', { username: 'ops', password: 'ops-password-1', isStaff: true });
    const created = await adminCall(admin, 'POST', '/admin/api/keys', {
      username: 'ops',
      entryPoints: ['GET /admin/api/keys', 'GET /api/hello/'],
    });
    const { apiKey, secretKey } = created.body as { apiKey: string; secretKey: string };
    const onSecond = new SignetClient({ baseUrl: second.baseUrl, apiKey, secretKey, protocol: 'v2' });
    expect((await onSecond.get('/admin/api/keys')).status).toBe(200);

    expect((await adminCall(admin, 'PATCH', '/admin/api/users/ops', { isStaff: false })).status).toBe(200);
    const notStaff = await onSecond.get('/admin/api/keys');
    expect([notStaff.status, await notStaff.json()]).toEqual([
      403,
      { error: 'the admin API is for staff: the user this API key is bound to is not staff' },
    ]);
    expect((await onSecond.get('/api/hello/')).status).toBe(200);

    expect((await adminCall(admin, 'PATCH', '/admin/api/users/ops', { isActive: false })).status).toBe(200);
    const inactive = await onSecond.get('/api/hello/');
    expect([inactive.status, await inactive.json()]).toEqual([403, { error: 'API key disabled' }]);
  });
});
