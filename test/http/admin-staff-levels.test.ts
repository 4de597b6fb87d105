import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../src/adapters/http/admin/admin-api.table.js';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient, loggedIn, submitOn } from '../support/admin-flow.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const CLERK_PASSWORD = 'clerk-password-1';

describe('two admin levels: a staff user who is not a superuser', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;
  let clerkKey: SignetClient;
  let clerk: CookieJar;
  let adminEntryPoints: string[];

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
    const created = await adminCall(admin, 'POST', '/admin/api/users', {
      username: 'clerk',
      password: CLERK_PASSWORD,
      isStaff: true,
    });
    expect(created.status).toBe(201);
    const listed = await adminCall(admin, 'GET', '/admin/api/entry-points');
    adminEntryPoints = (listed.body as { name: string; path: string }[])
      .filter((entry) => entry.path.startsWith('/admin/api/'))
      .map((entry) => entry.name);
    // Every admin entry point: the clerk's power is the whole admin API, short of being a superuser.
    const key = await adminCall(admin, 'POST', '/admin/api/keys', { username: 'clerk', entryPoints: adminEntryPoints });
    expect(key.status).toBe(201);
    const { apiKey, secretKey } = key.body as { apiKey: string; secretKey: string };
    clerkKey = new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol: 'v2', now: () => clock.now() });
    clerk = await loggedIn(service.baseUrl, 'clerk', CLERK_PASSWORD);
  });
  afterAll(() => service.close());

  /** The superuser admin, and their key, are as they were: active, password `123`, one SEC key, not revoked. */
  async function superuserUntouched(): Promise<void> {
    const users = await adminCall(admin, 'GET', '/admin/api/users?q=admin');
    expect((users.body as { items: { username: string }[] }).items.find((user) => user.username === 'admin')).toMatchObject({
      isActive: true,
      isStaff: true,
      isSuperuser: true,
    });
    const adminKey = await adminCall(admin, 'GET', `/admin/api/keys/${DEMO_ADMIN_KEY.apiKey}`);
    expect(adminKey.body).toMatchObject({ state: 'active', activeSecretKeys: 1, note: expect.not.stringContaining('clerk') });
    expect(adminKey.body.entryPoints).toEqual(expect.arrayContaining(adminEntryPoints));
    await loggedIn(service.baseUrl, 'admin', '123');
  }

  describe('on the admin site, tried on the superuser admin and on their key', () => {
    const attempts: { action: string; page: string; fields: Record<string, string>; error: string }[] = [
      {
        action: '/admin/users/admin/password',
        page: '/admin/users/admin',
        fields: { password: 'taken-over-1' },
        error: 'only a superuser may change a superuser',
      },
      {
        action: '/admin/users/admin/flags',
        page: '/admin/users/admin',
        fields: {},
        error: 'only a superuser may change a superuser',
      },
      {
        action: '/admin/users/admin/flags',
        page: '/admin/users/admin',
        fields: { isStaff: 'on' },
        error: 'only a superuser may change a superuser',
      },
      {
        action: '/admin/users/',
        page: '/admin/users/',
        fields: { username: 'deputy', password: 'deputy-pass-1', isStaff: 'on', isActive: 'on' },
        error: 'only a superuser may give the staff flag',
      },
      {
        action: '/admin/users/user1/flags',
        page: '/admin/users/user1',
        fields: { isStaff: 'on', isActive: 'on' },
        error: 'only a superuser may give the staff flag',
      },
      ...['', '/disable', '/enable', '/revoke', '/rotate'].map((suffix) => ({
        action: `/admin/keys/${DEMO_ADMIN_KEY.apiKey}${suffix}`,
        page: `/admin/keys/${DEMO_ADMIN_KEY.apiKey}`,
        fields: { note: 'clerk was here', entryPoints: 'GET /admin/api/keys' },
        error: 'only a superuser may manage a key bound to a superuser',
      })),
      {
        action: '/admin/try/',
        page: '/admin/try/',
        fields: {
          apiKey: DEMO_ADMIN_KEY.apiKey,
          protocol: 'v2',
          method: 'GET',
          url: `http://x.test/api/hello/`,
          body: '',
          contentType: '',
        },
        error: 'only a superuser may manage a key bound to a superuser',
      },
    ];
    for (const attempt of attempts) {
      it(`POST ${attempt.action} ${JSON.stringify(attempt.fields)} is refused, 403`, async () => {
        const response = await submitOn(clerk, service.baseUrl, attempt.page, attempt.action, attempt.fields);
        const html = await response.text();
        expect(response.status).toBe(403);
        expect(html).toContain(attempt.error);
        expect(html).not.toMatch(/X-Signet-Signature|signature=/);
        await superuserUntouched();
      });
    }

    it('is offered on "Try a request" only the keys they could manage', async () => {
      const clerkPage = await (await clerk.fetch(`${service.baseUrl}/admin/try/`)).text();
      expect(clerkPage).not.toContain(`value="${DEMO_ADMIN_KEY.apiKey}"`);
      expect(clerkPage).not.toContain('value="483a570a"');
      const adminPage = await (
        await (await loggedIn(service.baseUrl, 'admin', '123')).fetch(`${service.baseUrl}/admin/try/`)
      ).text();
      expect(adminPage).toContain(`value="${DEMO_ADMIN_KEY.apiKey}"`);
    });

    it('may still manage what is within their power: a plain user, a key holding only admin entry points', async () => {
      const password = await submitOn(clerk, service.baseUrl, '/admin/users/user2', '/admin/users/user2/password', {
        password: 'user2-new-pass',
      });
      expect(password.status).toBe(303);
      const created = await submitOn(clerk, service.baseUrl, '/admin/keys/new', '/admin/keys/', {
        note: 'read-only',
        username: '',
        entryPoints: 'GET /admin/api/keys',
        expiresAt: '',
        rateLimitPerMinute: '',
      });
      expect(created.status).toBe(303);
      const app = await submitOn(clerk, service.baseUrl, '/admin/keys/new', '/admin/keys/', {
        note: 'app',
        username: '',
        entryPoints: 'GET /api/hello/',
        expiresAt: '',
        rateLimitPerMinute: '',
      });
      expect(app.status).toBe(403);
      expect(await app.text()).toContain('you do not hold the entry point &quot;GET /api/hello/&quot;');
    });
  });

  describe('through the admin API with an admin key bound to them, tried on the superuser on every route', () => {
    const superuserInput: Record<string, unknown> = {
      createKey: { username: 'admin', entryPoints: ['GET /admin/api/keys'] },
      updateKey: { note: 'clerk was here' },
      allowEntryPoint: { entryPoint: 'GET /admin/api/keys' },
      rotateKey: {},
      createUser: { username: 'root2', password: 'root-password-2', isSuperuser: true },
      setPassword: { password: 'taken-over-2' },
      setUserFlags: { isActive: false },
    };
    const expected: Record<string, number> = {
      createKey: 403,
      updateKey: 403,
      allowEntryPoint: 403,
      disableKey: 403,
      enableKey: 403,
      revokeKey: 403,
      rotateKey: 403,
      createUser: 403,
      setPassword: 403,
      setUserFlags: 403,
    };
    for (const [name, route] of Object.entries(adminApiRoutes)) {
      it(`${route.method} ${route.path}: ${expected[name] === 403 ? 'refused, 403' : 'a read or a change of nothing of theirs'}`, async () => {
        const path = route.path
          .replace(':apiKey', DEMO_ADMIN_KEY.apiKey)
          .replace(':username', 'admin')
          .replace(':host', 'localhost%3A8000');
        const answer = await adminCall(
          clerkKey,
          route.method,
          path,
          route.method === 'GET' ? undefined : (superuserInput[name] ?? {}),
        );
        if (expected[name] === 403) {
          expect(answer.status).toBe(403);
          expect(answer.body.error).toMatch(/^only a superuser may |^you do not hold the entry point /);
        } else {
          expect(answer.status).not.toBe(500);
        }
        expect(JSON.stringify(answer.body)).not.toMatch(/"secretKey"/);
        await superuserUntouched();
      });
    }
  });
});
