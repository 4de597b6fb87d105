import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('a key acts as its user only while the user may', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
  });
  afterAll(() => service.close());

  async function keyFor(username: string, entryPoints: string[]): Promise<{ apiKey: string; secretKey: string }> {
    const created = await adminCall(admin, 'POST', '/admin/api/keys', { username, entryPoints });
    expect(created.status).toBe(201);
    return created.body as { apiKey: string; secretKey: string };
  }
  const client = (key: { apiKey: string; secretKey: string }, protocol: 'v1' | 'v2') =>
    new SignetClient({ baseUrl: service.baseUrl, ...key, protocol, now: () => clock.now() });

  it('a key bound to a deactivated user is refused "API key disabled" from the next request, v1 and v2', async () => {
    expect(
      (await adminCall(admin, 'POST', '/admin/api/users', { username: 'xss.user', password: 'xss-password-1' })).status,
    ).toBe(201);
    const key = await keyFor('xss.user', ['GET /api/hello/']);
    for (const protocol of ['v1', 'v2'] as const) {
      expect(await (await client(key, protocol).get('/api/hello/')).json()).toEqual({ hello: 'world', user: 'xss.user' });
    }
    expect((await adminCall(admin, 'PATCH', '/admin/api/users/xss.user', { isActive: false })).status).toBe(200);
    for (const protocol of ['v1', 'v2'] as const) {
      const refused = await client(key, protocol).get('/api/hello/');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'API key disabled' });
    }
    expect((await adminCall(admin, 'PATCH', '/admin/api/users/xss.user', { isActive: true })).status).toBe(200);
    expect((await client(key, 'v2').get('/api/hello/')).status).toBe(200);
  });

  it('an admin key bound to a deactivated staff user is refused "API key disabled" on the admin API', async () => {
    await adminCall(admin, 'POST', '/admin/api/users', { username: 'gone', password: 'gone-password-1', isStaff: true });
    const key = await keyFor('gone', ['GET /admin/api/keys']);
    expect((await client(key, 'v2').get('/admin/api/keys')).status).toBe(200);
    await adminCall(admin, 'PATCH', '/admin/api/users/gone', { isActive: false });
    const refused = await client(key, 'v2').get('/admin/api/keys');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'API key disabled' });
  });

  it('an admin key bound to a user who is no longer staff loses the admin API, and keeps the rest', async () => {
    await adminCall(admin, 'POST', '/admin/api/users', { username: 'ops', password: 'ops-password-1', isStaff: true });
    const key = await keyFor('ops', ['GET /admin/api/keys', 'GET /api/hello/']);
    expect((await client(key, 'v2').get('/admin/api/keys')).status).toBe(200);
    expect((await adminCall(admin, 'PATCH', '/admin/api/users/ops', { isStaff: false })).status).toBe(200);
    const refused = await client(key, 'v2').get('/admin/api/keys');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'the admin API is for staff: the user this API key is bound to is not staff',
    });
    expect(await (await client(key, 'v2').get('/api/hello/')).json()).toEqual({ hello: 'world', user: 'ops' });
  });
});
