import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { adminCall, adminClient, loggedIn } from '../support/admin-flow.js';
import { enrollFromAccount } from '../support/factor-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const RESET = 'POST /admin/api/users/:username/factors/reset';

describe("POST /admin/api/users/:username/factors/reset: a user's second factors, reset through the admin API", () => {
  let service: TestService;
  const clock = new FixedClock();
  const call = (method: string, path: string, body?: unknown) =>
    adminCall(adminClient(service.baseUrl, undefined, clock), method, path, body);

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  it("removes them with a superuser's admin key, ends the user's sessions, and records the key that did it", async () => {
    const user = await loggedIn(service.baseUrl, 'user1', '123');
    expect((await enrollFromAccount(user, service.baseUrl, clock.now())).response.status).toBe(200);
    expect((await user.fetch(`${service.baseUrl}/account/`)).status).toBe(200);

    const reset = await call('POST', '/admin/api/users/user1/factors/reset');
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    expect(reset.body).toEqual({ username: 'user1', factorsRemoved: 1, passkeysRemoved: 0 });

    expect((await user.fetch(`${service.baseUrl}/account/`)).status).toBe(303);
    const audit = await call('GET', '/admin/api/audit?action=user.reset-factors&target=user1');
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      via: 'admin-api',
      actor: `key ${DEMO_ADMIN_KEY.apiKey} (admin)`,
      target: 'user1',
      details: { factorsRemoved: 1, passkeysRemoved: 0 },
    });

    // Nothing left to remove: the answer says so, and the login needs the password alone.
    expect((await call('POST', '/admin/api/users/user1/factors/reset')).body).toEqual({
      username: 'user1',
      factorsRemoved: 0,
      passkeysRemoved: 0,
    });
    await loggedIn(service.baseUrl, 'user1', '123');
  });

  it('refuses an admin key that is not a superuser’s, even one allowed the entry point, and changes nothing', async () => {
    const made = await call('POST', '/admin/api/keys', { entryPoints: [RESET, 'GET /admin/api/users'] });
    expect(made.status).toBe(201);
    const partial = adminClient(service.baseUrl, { ...DEMO_ADMIN_KEY, ...made.body }, clock);
    const user = await loggedIn(service.baseUrl, 'user2', '456');
    await enrollFromAccount(user, service.baseUrl, clock.now());

    const refused = await adminCall(partial, 'POST', '/admin/api/users/user2/factors/reset');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: "only a superuser may reset a user's second factors" });
    expect((await user.fetch(`${service.baseUrl}/account/`)).status).toBe(200);
    const audit = await call('GET', '/admin/api/audit?action=user.reset-factors&target=user2');
    expect(audit.body.entries).toEqual([]);
  });

  it('refuses a key not allowed the entry point before anything else', async () => {
    const made = await call('POST', '/admin/api/keys', { entryPoints: ['GET /admin/api/users'] });
    const reader = adminClient(service.baseUrl, { ...DEMO_ADMIN_KEY, ...made.body }, clock);
    const refused = await adminCall(reader, 'POST', '/admin/api/users/user2/factors/reset');
    expect(refused.status).toBe(403);
  });

  it('answers 404 for a user who does not exist, and 400 for a body with fields it does not take', async () => {
    const missing = await call('POST', '/admin/api/users/nobody/factors/reset');
    expect(missing).toMatchObject({ status: 404, body: { error: 'no user named "nobody"' } });
    const extra = await call('POST', '/admin/api/users/user1/factors/reset', { everything: true });
    expect(extra).toMatchObject({ status: 400, body: { error: 'unknown field "everything"' } });
  });
});
