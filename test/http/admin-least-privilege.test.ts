import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const ROTATE = 'POST /admin/api/keys/:apiKey/rotate';
const ALLOW = 'POST /admin/api/keys/:apiKey/entry-points';
const PATCH = 'PATCH /admin/api/keys/:apiKey';
const CREATE_USER = 'POST /admin/api/users';

/** `{"error": ...}` of the grant check, naming the entry point the caller lacks. */
const notHeld = (entryPoint: string) => ({
  error: `you do not hold the entry point "${entryPoint}": nobody grants what they do not hold, nor manages a key that holds more than they do`,
});

describe('nobody grants what they do not hold: partial admin keys', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;
  const made: Record<string, { apiKey: string; secretKey: string; client: SignetClient }> = {};

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
    for (const [name, entryPoints] of Object.entries({
      rotate: [ROTATE],
      allow: [ALLOW],
      patch: [PATCH],
      users: [CREATE_USER],
    })) {
      const created = await adminCall(admin, 'POST', '/admin/api/keys', { entryPoints, note: `only ${name}` });
      expect(created.status).toBe(201);
      const { apiKey, secretKey } = created.body as { apiKey: string; secretKey: string };
      made[name] = {
        apiKey,
        secretKey,
        client: new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol: 'v2', now: () => clock.now() }),
      };
    }
  });
  afterAll(() => service.close());

  const key = (name: string) => {
    const found = made[name];
    if (!found) throw new Error(`no key ${name}`);
    return found;
  };
  const adminKeyNow = async () => (await adminCall(admin, 'GET', `/admin/api/keys/${DEMO_ADMIN_KEY.apiKey}`)).body;
  /** The first entry point of the full admin key, in name order: what a partial key lacks first. */
  const firstAdminEntryPoint = async (lacking: string) => {
    const held = ((await adminKeyNow()) as { entryPoints: string[] }).entryPoints.filter((name) => name !== lacking);
    return [...held].sort()[0] ?? '';
  };

  it('a key allowed only rotate cannot rotate the full admin key, nor read a new SEC key of it', async () => {
    const answer = await adminCall(key('rotate').client, 'POST', `/admin/api/keys/${DEMO_ADMIN_KEY.apiKey}/rotate`);
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(notHeld(await firstAdminEntryPoint(ROTATE)));
    expect(await adminKeyNow()).toMatchObject({ activeSecretKeys: 1 });
    // The admin key still signs with its one SEC key, the original.
    expect((await adminCall(admin, 'GET', '/admin/api/keys')).status).toBe(200);
  });

  it('a key allowed only rotate may rotate itself: it holds nothing it does not hold', async () => {
    const answer = await adminCall(key('rotate').client, 'POST', `/admin/api/keys/${key('rotate').apiKey}/rotate`);
    expect(answer.status).toBe(200);
    expect(answer.body.secretKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a key allowed only "add entry point" cannot add to the full admin key', async () => {
    const answer = await adminCall(key('allow').client, 'POST', `/admin/api/keys/${DEMO_ADMIN_KEY.apiKey}/entry-points`, {
      entryPoint: ALLOW,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(notHeld(await firstAdminEntryPoint(ALLOW)));
  });

  it('a key allowed only "add entry point" cannot widen itself, and the refusal names what it lacks', async () => {
    const answer = await adminCall(key('allow').client, 'POST', `/admin/api/keys/${key('allow').apiKey}/entry-points`, {
      entryPoint: CREATE_USER,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(notHeld(CREATE_USER));
    const shown = await adminCall(admin, 'GET', `/admin/api/keys/${key('allow').apiKey}`);
    expect(shown.body.entryPoints).toEqual([ALLOW]);
    const again = await adminCall(key('allow').client, 'POST', `/admin/api/keys/${key('allow').apiKey}/entry-points`, {
      entryPoint: ALLOW,
    });
    expect(again).toMatchObject({ status: 200, body: { added: false } });
  });

  it('a key allowed only PATCH cannot change the full admin key', async () => {
    const answer = await adminCall(key('patch').client, 'PATCH', `/admin/api/keys/${DEMO_ADMIN_KEY.apiKey}`, {
      note: 'mine now',
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(notHeld(await firstAdminEntryPoint(PATCH)));
    expect(await adminKeyNow()).toMatchObject({ note: expect.not.stringContaining('mine now') });
  });

  it('a key allowed only PATCH cannot widen itself, but may change its own note', async () => {
    const own = `/admin/api/keys/${key('patch').apiKey}`;
    const widened = await adminCall(key('patch').client, 'PATCH', own, { entryPoints: [PATCH, CREATE_USER] });
    expect(widened.status).toBe(403);
    expect(widened.body).toEqual(notHeld(CREATE_USER));
    const bound = await adminCall(key('patch').client, 'PATCH', own, { username: 'admin' });
    expect(bound).toMatchObject({ status: 403, body: { error: 'only a superuser may bind a key to a superuser' } });
    const noted = await adminCall(key('patch').client, 'PATCH', own, { note: 'renamed' });
    expect(noted).toMatchObject({ status: 200, body: { note: 'renamed', entryPoints: [PATCH], username: null } });
  });

  it('a key allowed only to create users cannot create staff or superusers', async () => {
    const users = key('users').client;
    const staff = await adminCall(users, 'POST', '/admin/api/users', {
      username: 'mallory',
      password: 'pw-123456',
      isStaff: true,
    });
    expect(staff).toMatchObject({ status: 403, body: { error: 'only a superuser may give the staff flag' } });
    const root = await adminCall(users, 'POST', '/admin/api/users', {
      username: 'mallory',
      password: 'pw-123456',
      isSuperuser: true,
    });
    expect(root).toMatchObject({ status: 403, body: { error: 'only a superuser may give the superuser flag' } });
    const plain = await adminCall(users, 'POST', '/admin/api/users', { username: 'mallory', password: 'pw-123456' });
    expect(plain).toMatchObject({ status: 201, body: { username: 'mallory', isStaff: false, isSuperuser: false } });
  });

  it('the audit log names the key that acted, and the key it acted on', async () => {
    const audit = await adminCall(admin, 'GET', `/admin/api/audit?action=key.rotate&target=${key('rotate').apiKey}`);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ actor: `key ${key('rotate').apiKey}`, target: key('rotate').apiKey, via: 'admin-api' }),
    ]);
    const onAdmin = await adminCall(admin, 'GET', `/admin/api/audit?target=${DEMO_ADMIN_KEY.apiKey}`);
    expect(onAdmin.body.entries).toEqual([]);
  });
});
