import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../src/adapters/http/admin/admin-api.table.js';
import { DEMO_ADMIN_KEY, DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** Each route of the table with its path parameters filled in. */
const everyRoute = Object.entries(adminApiRoutes).map(([name, route]) => ({
  name,
  method: route.method,
  path: route.path.replace(':apiKey', DEMO_API_KEY.apiKey).replace(':host', 'localhost%3A8000').replace(':username', 'user1'),
}));

describe('the admin API', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
  });
  afterAll(() => service.close());

  const call = (method: string, path: string, body?: unknown) => adminCall(admin, method, path, body);
  const asKey = (apiKey: string, secretKey: string, protocol: 'v1' | 'v2' = 'v1') =>
    new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol, now: () => clock.now() });

  describe('keys', () => {
    let apiKey: string;
    let secretKey: string;

    it('creates a key that works at once, answering 201 with its SEC key', async () => {
      const created = await call('POST', '/admin/api/keys', {
        entryPoints: ['GET /api/hello/'],
        note: 'reports',
        username: 'user1',
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('cache-control')).toBe('no-store');
      expect(created.body).toEqual({
        apiKey: expect.stringMatching(/^[0-9a-f]{16}$/),
        secretKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      ({ apiKey, secretKey } = created.body);
      const hello = await asKey(apiKey, secretKey).get('/api/hello/');
      expect(await hello.json()).toEqual({ hello: 'world', user: 'user1' });
    });

    it('shows the key without its SEC key, with its last use and where from', async () => {
      const shown = await call('GET', `/admin/api/keys/${apiKey}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({
        apiKey,
        username: 'user1',
        note: 'reports',
        entryPoints: ['GET /api/hello/'],
        state: 'active',
        lastUsedAt: clock.now(),
        lastUsedFrom: '127.0.0.1',
        expiresAt: null,
        rateLimitPerMinute: null,
      });
      expect(JSON.stringify(shown.body)).not.toContain(secretKey);
    });

    it('lists the keys, and those allowed one entry point', async () => {
      const all = await call('GET', '/admin/api/keys');
      expect((all.body as { items: { apiKey: string }[] }).items.map((key) => key.apiKey)).toEqual(
        expect.arrayContaining([apiKey, DEMO_API_KEY.apiKey]),
      );
      const filtered = await call('GET', `/admin/api/keys?entryPoint=${encodeURIComponent('POST /api/goodbye/')}`);
      expect(filtered.body).toMatchObject({ total: 1, next: null });
      expect((filtered.body as { items: { apiKey: string }[] }).items.map((key) => key.apiKey)).toEqual([DEMO_API_KEY.apiKey]);
    });

    it('changes the note, the entry points, the expiry and the rate limit', async () => {
      const updated = await call('PATCH', `/admin/api/keys/${apiKey}`, {
        note: 'nightly reports',
        entryPoints: ['GET /api/hello/', 'GET /api/goodbye/'],
        expiresAt: '2027-06-30',
        rateLimitPerMinute: 120,
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        note: 'nightly reports',
        entryPoints: ['GET /api/goodbye/', 'GET /api/hello/'],
        expiresAt: Date.UTC(2027, 5, 30),
        rateLimitPerMinute: 120,
        username: 'user1',
      });
      expect((await asKey(apiKey, secretKey).get('/api/goodbye/')).status).toBe(200);
    });

    it('allows one more entry point, and says when it was allowed already', async () => {
      const path = `/admin/api/keys/${apiKey}/entry-points`;
      expect((await call('POST', path, { entryPoint: 'POST /api/goodbye/' })).body).toEqual({ added: true });
      expect((await call('POST', path, { entryPoint: 'POST /api/goodbye/' })).body).toEqual({ added: false });
    });

    it('disables the key (API key disabled), enables it, and revokes it for good', async () => {
      expect((await call('POST', `/admin/api/keys/${apiKey}/disable`)).body).toMatchObject({ state: 'disabled' });
      expect(await (await asKey(apiKey, secretKey).get('/api/hello/')).json()).toEqual({ error: 'API key disabled' });
      expect((await call('POST', `/admin/api/keys/${apiKey}/enable`)).body).toMatchObject({ state: 'active' });
      expect((await asKey(apiKey, secretKey).get('/api/hello/')).status).toBe(200);
      expect((await call('POST', `/admin/api/keys/${apiKey}/revoke`)).body).toMatchObject({ state: 'revoked', revoked: true });
      expect((await asKey(apiKey, secretKey).get('/api/hello/')).status).toBe(403);
      expect(await call('POST', `/admin/api/keys/${apiKey}/enable`)).toMatchObject({
        status: 409,
        body: { error: `API key ${apiKey} is revoked` },
      });
      expect(await call('PATCH', `/admin/api/keys/${apiKey}`, { note: 'again' })).toMatchObject({ status: 409 });
    });

    it('rotates a key with the grace period asked for, and refuses one outside a minute to a day', async () => {
      const made = (await call('POST', '/admin/api/keys', { entryPoints: ['GET /api/hello/'] })).body;
      const rotated = await call('POST', `/admin/api/keys/${made.apiKey}/rotate`, { graceSeconds: 300 });
      expect(rotated.body).toEqual({
        apiKey: made.apiKey,
        secretKey: expect.stringMatching(/^[0-9a-f]{64}$/),
        previousExpiresAt: clock.now() + 300_000,
      });
      for (const graceSeconds of [59, 86_401, 1.5]) {
        const refused = await call('POST', `/admin/api/keys/${made.apiKey}/rotate`, { graceSeconds });
        expect(refused.status).toBe(400);
        expect(refused.body.error).toMatch(/^graceSeconds: /);
      }
    });
  });

  describe('refusals, in the same words as the site', () => {
    it('answers 404 for an unknown key', async () => {
      expect(await call('GET', '/admin/api/keys/ffffffffffffffff')).toMatchObject({
        status: 404,
        body: { error: 'no API key ffffffffffffffff' },
      });
    });

    it('names an unknown field rather than ignore it', async () => {
      expect(await call('POST', '/admin/api/keys', { rateLimit: 60 })).toMatchObject({
        status: 400,
        body: { error: 'unknown field "rateLimit"' },
      });
    });

    it('refuses a body that is not JSON, or not an object', async () => {
      const notJson = await admin.request('POST', '/admin/api/keys', {
        body: '{note:',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toEqual({ error: 'the body is not valid JSON' });
      expect(await call('POST', '/admin/api/keys', ['a'])).toMatchObject({
        status: 400,
        body: { error: 'the body must be a JSON object' },
      });
    });

    it('refuses an unknown user, an unknown entry point, a past expiry and a bad rate limit', async () => {
      expect((await call('POST', '/admin/api/keys', { username: 'ghost' })).body).toEqual({ error: 'no user named "ghost"' });
      expect((await call('POST', '/admin/api/keys', { entryPoints: ['GET /nowhere/'] })).body.error).toMatch(
        /^no entry point named "GET \/nowhere\/"/,
      );
      expect((await call('POST', '/admin/api/keys', { expiresAt: '2020-01-01' })).body).toEqual({
        error: 'the expiry date must be in the future',
      });
      expect((await call('POST', '/admin/api/keys', { expiresAt: 'tomorrow' })).body.error).toMatch(/^expiresAt: is a date/);
      expect((await call('POST', '/admin/api/keys', { rateLimitPerMinute: 0 })).body).toEqual({
        error: 'rateLimitPerMinute: is at least 1',
      });
    });

    it('refuses a request signed with protocol v1, even by an admin key', async () => {
      const v1 = asKey(DEMO_ADMIN_KEY.apiKey, DEMO_ADMIN_KEY.secretKey, 'v1');
      const response = await v1.get('/admin/api/keys');
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: 'the admin API takes protocol v2 only (it signs the method and refuses replays)',
      });
    });
  });

  describe('a key without admin entry points', () => {
    it.each(everyRoute)('gets 403 from $method $path ($name)', async ({ method, path }) => {
      const demo = asKey(DEMO_API_KEY.apiKey, DEMO_API_KEY.secretKey, 'v2');
      const body = method === 'GET' || method === 'DELETE' ? {} : { body: '{}', headers: { 'Content-Type': 'application/json' } };
      const response = await demo.request(method, path, body);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'entry point not allowed for the API key' });
    });

    it('gets 403 unsigned, too', async () => {
      for (const { method, path } of everyRoute) {
        const response = await fetch(`${service.baseUrl}${path}`, { method });
        expect(response.status, `${method} ${path}`).toBe(403);
      }
    });
  });

  describe('entry points, SSO hosts and users', () => {
    it('lists the entry points and reloads them', async () => {
      const listed = await call('GET', '/admin/api/entry-points');
      expect(listed.body).toContainEqual({ name: 'GET /api/hello/', method: 'GET', path: '/api/hello/' });
      const reloaded = await call('POST', '/admin/api/entry-points/reload');
      expect(reloaded.body).toContainEqual({ action: 'UPDATE/KEEP', name: 'GET /api/hello/' });
      expect((reloaded.body as { action: string }[]).every((change) => change.action === 'UPDATE/KEEP')).toBe(true);
    });

    it('adds an SSO host (its pair in the answer only), lists it and removes it', async () => {
      const added = await call('POST', '/admin/api/sso-hosts', { host: 'Wiki.Example.com:8443', note: 'wiki' });
      expect(added).toMatchObject({
        status: 201,
        body: { host: 'wiki.example.com:8443', apiKey: expect.any(String), secretKey: expect.any(String) },
      });
      const listed = await call('GET', '/admin/api/sso-hosts');
      expect((listed.body as { items: unknown[] }).items).toContainEqual(
        expect.objectContaining({ host: 'wiki.example.com:8443', revoked: false, note: 'wiki' }),
      );
      expect(JSON.stringify(listed.body)).not.toContain(added.body.secretKey);
      const removed = await call('DELETE', `/admin/api/sso-hosts/${encodeURIComponent('wiki.example.com:8443')}`);
      expect(removed.body).toEqual({ host: 'wiki.example.com:8443', revoked: [added.body.apiKey] });
      expect(await call('DELETE', '/admin/api/sso-hosts/nowhere.example')).toMatchObject({
        status: 404,
        body: { error: 'no SSO key for host nowhere.example' },
      });
    });

    it('creates a user who can log in, sets their password and flags, and never shows a hash', async () => {
      const created = await call('POST', '/admin/api/users', {
        username: 'carol',
        password: 'correct horse',
        email: 'carol@example.com',
      });
      expect(created).toMatchObject({ status: 201, body: { username: 'carol', isStaff: false, isActive: true, bindable: true } });
      expect(await call('POST', '/admin/api/users', { username: 'carol', password: 'another one' })).toMatchObject({
        status: 409,
        body: { error: 'a user named "carol" already exists' },
      });
      expect((await call('POST', '/admin/api/users', { username: 'dave', password: 'short' })).body).toEqual({
        error: 'password: is at least 8 characters',
      });
      expect((await call('POST', '/admin/api/users/carol/password', { password: 'battery staple' })).status).toBe(200);
      expect((await call('PATCH', '/admin/api/users/carol', { isStaff: true })).body).toMatchObject({
        isStaff: true,
        isActive: true,
      });
      const users = await call('GET', '/admin/api/users');
      expect(JSON.stringify(users.body)).not.toMatch(/scrypt|argon2|passwordHash/);
      expect((users.body as { items: { username: string }[] }).items.map((user) => user.username)).toContain('carol');
    });

    it("refuses to let the admin key take away its own user's staff flag", async () => {
      expect(await call('PATCH', '/admin/api/users/admin', { isStaff: false })).toMatchObject({
        status: 409,
        body: { error: 'you cannot take away your own staff flag or deactivate yourself: ask another staff user' },
      });
      expect(await call('PATCH', '/admin/api/users/admin', {})).toMatchObject({
        status: 400,
        body: { error: 'give isStaff, isActive or both' },
      });
    });
  });

  describe('the audit log', () => {
    it('records each change with who made it, through what and from where, and no secret', async () => {
      const made = (await call('POST', '/admin/api/keys', { note: 'audited' })).body;
      const rotated = (await call('POST', `/admin/api/keys/${made.apiKey}/rotate`, { graceSeconds: 60 })).body;
      const page = await call('GET', `/admin/api/audit?target=${made.apiKey}`);
      expect((page.body.entries as { action: string }[]).map((entry) => entry.action)).toEqual(['key.rotate', 'key.create']);
      expect(page.body.entries[1]).toMatchObject({
        via: 'admin-api',
        actor: `key ${DEMO_ADMIN_KEY.apiKey} (admin)`,
        address: '127.0.0.1',
        at: clock.now(),
        details: { note: 'audited' },
      });
      const everything = JSON.stringify((await call('GET', '/admin/api/audit?limit=500')).body);
      for (const secret of [made.secretKey, rotated.secretKey, 'correct horse', 'battery staple'])
        expect(everything).not.toContain(secret);
    });

    it('pages through the log with limit and before', async () => {
      const first = await call('GET', '/admin/api/audit?limit=2');
      expect(first.body.entries).toHaveLength(2);
      const second = await call('GET', `/admin/api/audit?limit=2&before=${first.body.next}`);
      expect(second.body.entries[0].id < first.body.entries[1].id).toBe(true);
    });

    it('sums refused requests per key and reason', async () => {
      const wrong = asKey(DEMO_API_KEY.apiKey, 'not-the-sec-key');
      for (let i = 0; i < 3; i += 1) await wrong.get('/api/hello/');
      await asKey('0000000000000000', 'whatever').get('/api/hello/');
      const sums = await call('GET', `/admin/api/audit/failures?apiKey=${DEMO_API_KEY.apiKey}&reason=api_auth.signature_error`);
      expect(sums.body).toEqual([
        { apiKey: DEMO_API_KEY.apiKey, reason: 'api_auth.signature_error', count: 3, firstAt: clock.now(), lastAt: clock.now() },
      ]);
      const unknown = await call('GET', '/admin/api/audit/failures?apiKey=(unknown)');
      expect(unknown.body).toContainEqual(expect.objectContaining({ apiKey: null, reason: 'api_auth.signature_error' }));
    });
  });
});
