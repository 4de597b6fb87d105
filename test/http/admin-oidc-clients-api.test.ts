import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { authorizationRequest, CookieJar, discover, logInThroughOidc } from '../support/oidc-flow.js';
import { freePort } from '../support/free-port.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const LIST = 'GET /admin/api/oidc-clients';
const CREATE = 'POST /admin/api/oidc-clients';
const CALLBACK = 'http://127.0.0.1:8000/oidc/callback';

describe('OpenID clients through the admin API', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;

  beforeAll(async () => {
    clock = new FixedClock();
    const port = await freePort();
    service = await startTestService({ clock, port, config: testConfig({ PUBLIC_URL: `http://127.0.0.1:${port}` }) });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
  });
  afterAll(() => service.close());

  async function keyHolding(entryPoints: string[]): Promise<SignetClient> {
    const created = await adminCall(admin, 'POST', '/admin/api/keys', { entryPoints, note: 'partial' });
    expect(created.status).toBe(201);
    const { apiKey, secretKey } = created.body as { apiKey: string; secretKey: string };
    return new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol: 'v2', now: () => clock.now() });
  }
  const audit = async (action: string) =>
    (await adminCall(admin, 'GET', `/admin/api/audit?action=${action}`)).body.entries as {
      target: string;
      actor: string;
      via: string;
      details: Record<string, unknown>;
    }[];

  it('creates a confidential client: its secret in that answer only, never in a list, a show or the audit log', async () => {
    const created = await adminCall(admin, 'POST', '/admin/api/oidc-clients', {
      clientId: 'grafana',
      name: 'Grafana',
      redirectUris: [CALLBACK],
      scopes: ['openid', 'profile'],
      firstParty: true,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const secret = created.body.clientSecret as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.body.client).toMatchObject({
      clientId: 'grafana',
      confidential: true,
      scopes: ['openid', 'profile'],
      firstParty: true,
      idTokenSignedResponseAlg: 'ES256',
      disabled: false,
    });
    const listed = await adminCall(admin, 'GET', '/admin/api/oidc-clients');
    const shown = await adminCall(admin, 'GET', '/admin/api/oidc-clients/grafana');
    const entries = await audit('oidc.client-create');
    for (const answer of [JSON.stringify(listed.body), JSON.stringify(shown.body), JSON.stringify(entries)]) {
      expect(answer).not.toContain(secret);
    }
    expect(shown.body).toMatchObject({ clientId: 'grafana', name: 'Grafana', confidential: true });
    expect(entries[0]).toMatchObject({
      target: 'grafana',
      via: 'admin-api',
      actor: expect.stringContaining(DEMO_ADMIN_KEY.apiKey),
      details: { confidential: true, redirectUris: [CALLBACK] },
    });

    // The secret works at once, with client_secret_basic.
    const config = await discover(`${service.baseUrl}/oidc`, { clientId: 'grafana', secret });
    const request = await authorizationRequest(config, { scope: 'openid profile' });
    const callback = await logInThroughOidc(new CookieJar(), request.url, 'user1', '123');
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    expect(tokens.id_token).toEqual(expect.any(String));
  });

  it('creates a public client without a secret', async () => {
    const created = await adminCall(admin, 'POST', '/admin/api/oidc-clients', {
      clientId: 'spa',
      redirectUris: ['https://spa.example.com/callback'],
      public: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ clientSecret: null, client: { confidential: false } });
  });

  it('lists clients a page at a time, with a search', async () => {
    for (const id of ['page-a', 'page-b', 'page-c']) {
      expect((await adminCall(admin, 'POST', '/admin/api/oidc-clients', { clientId: id, redirectUris: [CALLBACK] })).status).toBe(
        201,
      );
    }
    const first = await adminCall(admin, 'GET', '/admin/api/oidc-clients?q=PAGE-&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(3);
    expect((first.body.items as { clientId: string }[]).map((item) => item.clientId)).toEqual(['page-a', 'page-b']);
    expect(first.body.next).toBe('page-b');
    const second = await adminCall(admin, 'GET', `/admin/api/oidc-clients?q=page-&limit=2&cursor=${first.body.next}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ clientId: 'page-c' })], total: 3, next: null });
  });

  it('changes redirect URIs, post-logout URIs, scopes, first-party and the ID token algorithm, and records what it set', async () => {
    await adminCall(admin, 'POST', '/admin/api/oidc-clients', { clientId: 'wiki', redirectUris: [CALLBACK] });
    const changed = await adminCall(admin, 'PATCH', '/admin/api/oidc-clients/wiki', {
      redirectUris: ['https://wiki.example.com/cb'],
      postLogoutRedirectUris: ['https://wiki.example.com/'],
      scopes: ['email'],
      firstParty: true,
      idTokenSignedResponseAlg: 'RS256',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      redirectUris: ['https://wiki.example.com/cb'],
      postLogoutRedirectUris: ['https://wiki.example.com/'],
      scopes: ['openid', 'email'],
      firstParty: true,
      idTokenSignedResponseAlg: 'RS256',
    });
    expect((await audit('oidc.client-update'))[0]).toMatchObject({
      target: 'wiki',
      details: { redirectUris: ['https://wiki.example.com/cb'], scopes: ['openid', 'email'], signingAlg: 'RS256' },
    });
  });

  it('answers 400 naming what is wrong with a redirect URI or a scope, and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ redirectUris: ['/callback'] }, 'not an absolute URL'],
      [{ redirectUris: ['https://app.example.com/cb#part'] }, 'no fragment'],
      [{ redirectUris: ['ftp://app.example.com/cb'] }, 'https only'],
      [{ redirectUris: [] }, 'redirectUris: at least one'],
      [{ redirectUris: [CALLBACK], scopes: ['openid', 'admin'] }, 'scopes: unknown admin'],
      [{ redirectUris: [CALLBACK], clientId: 'no spaces' }, 'clientId: is a client id'],
      [{ redirectUris: [CALLBACK], idTokenSignedResponseAlg: 'HS256' }, 'idTokenSignedResponseAlg: is ES256 or RS256'],
      [{ redirectUris: [CALLBACK], secret: 'mine' }, 'unknown field "secret"'],
    ];
    for (const [body, message] of cases) {
      const answer = await adminCall(admin, 'POST', '/admin/api/oidc-clients', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toContain(message);
    }
    for (const query of ['limit=0', 'limit=many', 'q=a&q=b', 'sort=name']) {
      expect((await adminCall(admin, 'GET', `/admin/api/oidc-clients?${query}`)).status, query).toBe(400);
    }
    const unknown = await adminCall(admin, 'PATCH', '/admin/api/oidc-clients/grafana', { clientSecret: 'mine' });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'unknown field "clientSecret"' } });
    const patched = await adminCall(admin, 'PATCH', '/admin/api/oidc-clients/grafana', { postLogoutRedirectUris: ['not a url'] });
    expect(patched.status).toBe(400);
    expect((await adminCall(admin, 'GET', '/admin/api/oidc-clients/grafana')).body.postLogoutRedirectUris).toEqual([]);
  });

  it('refuses plain http on a host that is not loopback in production', async () => {
    const production = await startTestService({
      config: testConfig({ NODE_ENV: 'production', SIGNET_MASTER_KEY: 'ab'.repeat(32), SESSION_SECRET: 's'.repeat(40) }),
      clock,
    });
    try {
      // In production there is no demo admin key: the service's own use case stands in for the API's check.
      const refusal = production.runtime.container.cradle.createOidcClient.execute({
        redirectUris: ['http://app.example.com/cb'],
      });
      await expect(refusal).rejects.toThrow('https only');
      await expect(
        production.runtime.container.cradle.createOidcClient.execute({ redirectUris: ['http://127.0.0.1:8000/cb'] }),
      ).resolves.toMatchObject({ client: { redirectUris: ['http://127.0.0.1:8000/cb'] } });
    } finally {
      await production.close();
    }
  });

  it('answers 404 for a client that does not exist, on every route that names one, and 409 for an id taken', async () => {
    for (const [method, path] of [
      ['GET', '/admin/api/oidc-clients/nobody'],
      ['PATCH', '/admin/api/oidc-clients/nobody'],
      ['POST', '/admin/api/oidc-clients/nobody/disable'],
      ['POST', '/admin/api/oidc-clients/nobody/enable'],
      ['POST', '/admin/api/oidc-clients/nobody/rotate-secret'],
      ['DELETE', '/admin/api/oidc-clients/nobody'],
    ] as const) {
      const answer = await adminCall(admin, method, path, method === 'PATCH' ? { firstParty: true } : undefined);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body).toEqual({ error: 'no OpenID client "nobody"' });
    }
    const taken = await adminCall(admin, 'POST', '/admin/api/oidc-clients', { clientId: 'grafana', redirectUris: [CALLBACK] });
    expect(taken.status).toBe(409);
  });

  it('disables a client (refused at the provider), enables it, rotates its secret, removes it: each in the audit log', async () => {
    const created = await adminCall(admin, 'POST', '/admin/api/oidc-clients', { clientId: 'cycle', redirectUris: [CALLBACK] });
    const oldSecret = created.body.clientSecret as string;
    expect((await adminCall(admin, 'POST', '/admin/api/oidc-clients/cycle/disable')).body).toMatchObject({ disabled: true });
    const config = await discover(`${service.baseUrl}/oidc`, { clientId: 'cycle', secret: oldSecret });
    expect((await new CookieJar().fetch((await authorizationRequest(config)).url.href)).status).toBe(400);
    expect((await adminCall(admin, 'POST', '/admin/api/oidc-clients/cycle/enable')).body).toMatchObject({ disabled: false });

    const rotated = await adminCall(admin, 'POST', '/admin/api/oidc-clients/cycle/rotate-secret');
    expect(rotated.status).toBe(200);
    expect(rotated.body.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.clientSecret).not.toBe(oldSecret);
    const publicRotate = await adminCall(admin, 'POST', '/admin/api/oidc-clients/spa/rotate-secret');
    expect(publicRotate.status).toBe(400);

    const removed = await adminCall(admin, 'DELETE', '/admin/api/oidc-clients/cycle');
    expect(removed).toMatchObject({ status: 200, body: { clientId: 'cycle', removed: true } });
    expect((await adminCall(admin, 'GET', '/admin/api/oidc-clients/cycle')).status).toBe(404);

    for (const action of ['oidc.client-disable', 'oidc.client-enable', 'oidc.client-rotate-secret', 'oidc.client-remove']) {
      const entries = await audit(action);
      expect(
        entries.some((entry) => entry.target === 'cycle'),
        action,
      ).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(rotated.body.clientSecret);
    }
  });

  it('a key holding only the list may list, but not create, change, remove, or grant itself more', async () => {
    const reader = await keyHolding([LIST]);
    expect((await adminCall(reader, 'GET', '/admin/api/oidc-clients')).status).toBe(200);
    const create = await adminCall(reader, 'POST', '/admin/api/oidc-clients', { clientId: 'sneaky', redirectUris: [CALLBACK] });
    expect(create.status).toBe(403);
    expect((await adminCall(reader, 'DELETE', '/admin/api/oidc-clients/grafana')).status).toBe(403);
    expect((await adminCall(reader, 'PATCH', '/admin/api/oidc-clients/grafana', { firstParty: false })).status).toBe(403);
    expect((await adminCall(reader, 'GET', '/admin/api/oidc-clients/grafana')).status).toBe(403);
    expect((await adminCall(admin, 'GET', '/admin/api/oidc-clients/sneaky')).status).toBe(404);
  });

  it('a key cannot grant itself, nor a key it makes, the OpenID routes it lacks', async () => {
    const granter = await keyHolding([LIST, 'POST /admin/api/keys', 'POST /admin/api/keys/:apiKey/entry-points']);
    const made = await adminCall(granter, 'POST', '/admin/api/keys', { entryPoints: [LIST, CREATE] });
    expect(made.status).toBe(403);
    expect(made.body.error).toContain(`"${CREATE}"`);
    const within = await adminCall(granter, 'POST', '/admin/api/keys', { entryPoints: [LIST] });
    expect(within.status).toBe(201);
    const partial = (await adminCall(admin, 'GET', '/admin/api/keys?q=partial')).body.items as {
      apiKey: string;
      entryPoints: string[];
    }[];
    const self = partial.find((key) => key.entryPoints.includes('POST /admin/api/keys')) ?? { apiKey: '' };
    const grown = await adminCall(granter, 'POST', `/admin/api/keys/${self.apiKey}/entry-points`, { entryPoint: CREATE });
    expect(grown.status).toBe(403);
    expect((await adminCall(admin, 'GET', `/admin/api/keys/${self.apiKey}`)).body.entryPoints).not.toContain(CREATE);
  });

  it('a key holding exactly the create route may create, and nothing else', async () => {
    const creator = await keyHolding([CREATE]);
    const created = await adminCall(creator, 'POST', '/admin/api/oidc-clients', {
      clientId: 'by-creator',
      redirectUris: [CALLBACK],
    });
    expect(created.status).toBe(201);
    expect((await adminCall(creator, 'GET', '/admin/api/oidc-clients')).status).toBe(403);
    expect((await adminCall(creator, 'POST', '/admin/api/oidc-keys/rotate')).status).toBe(403);
    expect((await audit('oidc.client-create')).find((entry) => entry.target === 'by-creator')?.actor).not.toContain(
      DEMO_ADMIN_KEY.apiKey,
    );
  });

  it('refuses v1-signed calls', async () => {
    const v1 = new SignetClient({
      baseUrl: service.baseUrl,
      apiKey: DEMO_ADMIN_KEY.apiKey,
      secretKey: DEMO_ADMIN_KEY.secretKey,
      protocol: 'v1',
      now: () => clock.now(),
    });
    expect((await adminCall(v1, 'GET', '/admin/api/oidc-clients')).status).toBe(403);
  });

  it('declares each route in the OpenAPI document', async () => {
    const document = (await (await fetch(`${service.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/admin/api/oidc-clients'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/admin/api/oidc-clients/{clientId}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    for (const path of ['disable', 'enable', 'rotate-secret']) {
      expect(document.paths[`/admin/api/oidc-clients/{clientId}/${path}`]).toHaveProperty('post');
    }
    expect(document.paths['/admin/api/oidc-keys/rotate']).toHaveProperty('post');
  });
});
