import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import type { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient, loggedIn, submitOn } from '../support/admin-flow.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const READER_PASSWORD = 'reader-password-1';

/** The page's `{"error": ...}` of the grant check, as the site's HTML escapes it. */
const notHeldOnPage = (entryPoint: string) => `you do not hold the entry point &quot;${entryPoint}&quot;`;

describe('on the admin site, a staff user who is not a superuser changes only through what their admin keys could call', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;
  let reader: CookieJar;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
    expect(
      (await adminCall(admin, 'POST', '/admin/api/users', { username: 'auditor', password: READER_PASSWORD, isStaff: true }))
        .status,
    ).toBe(201);
    // Their one admin key may list keys and call the demo API: it could change nothing in the admin.
    const key = await adminCall(admin, 'POST', '/admin/api/keys', {
      username: 'auditor',
      entryPoints: ['GET /admin/api/keys', 'GET /api/hello/'],
    });
    expect(key.status).toBe(201);
    reader = await loggedIn(service.baseUrl, 'auditor', READER_PASSWORD);
  });
  afterAll(() => service.close());

  const userIsAsSeeded = async (username: string, password: string) => {
    await loggedIn(service.baseUrl, username, password);
  };

  it("cannot take over a plain user by setting their password, which their key's POST /admin/api/users/:username/password would need", async () => {
    const response = await submitOn(reader, service.baseUrl, '/admin/users/user1', '/admin/users/user1/password', {
      password: 'taken-over-1',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(notHeldOnPage('POST /admin/api/users/:username/password'));
    await userIsAsSeeded('user1', '123');
  });

  it('cannot deactivate a plain user without PATCH /admin/api/users/:username', async () => {
    const response = await submitOn(reader, service.baseUrl, '/admin/users/user2', '/admin/users/user2/flags', {});
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(notHeldOnPage('PATCH /admin/api/users/:username'));
    await userIsAsSeeded('user2', '456');
  });

  it('cannot create a user without POST /admin/api/users', async () => {
    const response = await submitOn(reader, service.baseUrl, '/admin/users/', '/admin/users/', {
      username: 'sockpuppet',
      password: 'sockpuppet-pass-1',
      isActive: 'on',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(notHeldOnPage('POST /admin/api/users'));
    const users = await adminCall(admin, 'GET', '/admin/api/users?q=sockpuppet');
    expect(users.body).toMatchObject({ items: [], total: 0 });
  });

  it('cannot create a key, even one holding only what they hold, without POST /admin/api/keys', async () => {
    const response = await submitOn(reader, service.baseUrl, '/admin/keys/new', '/admin/keys/', {
      note: 'mine now',
      username: '',
      entryPoints: 'GET /api/hello/',
      expiresAt: '',
      rateLimitPerMinute: '',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(notHeldOnPage('POST /admin/api/keys'));
    const keys = await adminCall(admin, 'GET', '/admin/api/keys');
    expect(JSON.stringify(keys.body)).not.toContain('mine now');
  });

  it('cannot reload the entry points without POST /admin/api/entry-points/reload', async () => {
    const response = await submitOn(reader, service.baseUrl, '/admin/entry-points/', '/admin/entry-points/reload', {});
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(notHeldOnPage('POST /admin/api/entry-points/reload'));
  });

  it('still reads what the site shows every staff user', async () => {
    for (const page of ['/admin/keys/', '/admin/users/', '/admin/audit/', '/admin/entry-points/']) {
      expect((await reader.fetch(`${service.baseUrl}${page}`)).status, page).toBe(200);
    }
  });
});
