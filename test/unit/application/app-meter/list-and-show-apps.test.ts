import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../../src/adapters/memory/memory-credential-store.js';
import { MemoryLoginMeter } from '../../../../src/adapters/memory/memory-login-meter.js';
import { MemoryOidcClientStore } from '../../../../src/adapters/memory/memory-oidc-client-store.js';
import { ListApps } from '../../../../src/application/app-meter/list-apps.js';
import { ShowApp } from '../../../../src/application/app-meter/show-app.js';
import type { AppLogin } from '../../../../src/domain/app-meter/app-login.js';
import type { OidcClient } from '../../../../src/domain/oidc/oidc-client.js';
import { aCredential } from '../../../support/credential-mother.js';
import { FixedClock } from '../../../support/fixed-clock.js';

const NOON = Date.UTC(2026, 11, 8, 12, 0, 0);

function aClient(overrides: Partial<OidcClient>): OidcClient {
  return {
    clientId: 'demo-oidc',
    secret: 'secret',
    name: 'Demo',
    redirectUris: ['http://localhost:8000/oidc/callback', 'http://127.0.0.1:8000/oidc/callback'],
    postLogoutRedirectUris: [],
    scopes: ['openid'],
    firstParty: true,
    disabled: false,
    idTokenSignedResponseAlg: 'ES256',
    createdAt: 0,
    ...overrides,
  };
}

describe('the apps of the migration meter', () => {
  let clock: FixedClock;
  let loginMeter: MemoryLoginMeter;
  let listApps: ListApps;
  let showApp: ShowApp;
  const count = (login: Partial<AppLogin>) =>
    loginMeter.count({ app: 'localhost:8000', protocol: 'dj-sso', username: 'user1', at: clock.now(), ...login });

  beforeEach(async () => {
    clock = new FixedClock(NOON);
    loginMeter = new MemoryLoginMeter({ clock });
    const credentialStore = new MemoryCredentialStore();
    const oidcClientStore = new MemoryOidcClientStore();
    await credentialStore.save(aCredential({ apiKey: 'key-demo', ssoHost: 'localhost:8000' }));
    await credentialStore.save(aCredential({ apiKey: 'key-gone', ssoHost: 'old.example.com', revoked: true }));
    await credentialStore.save(aCredential({ apiKey: 'key-plain', ssoHost: null }));
    await oidcClientStore.save(aClient({}));
    await oidcClientStore.save(
      aClient({ clientId: 'grafana', name: 'Grafana', redirectUris: ['https://grafana.example.com/login'], disabled: true }),
    );
    const deps = { credentialStore, oidcClientStore, loginMeter, clock };
    listApps = new ListApps(deps);
    showApp = new ShowApp(deps);
  });

  it('lists every host with a live SSO key or an OpenID client redirecting to it, sorted, with what it holds', async () => {
    const page = await listApps.execute();
    expect(page.total).toBe(3);
    expect(page.next).toBeNull();
    expect(
      page.items.map(({ app, ssoKeys, oidcClients }) => ({ app, ssoKeys, clients: oidcClients.map((c) => c.clientId) })),
    ).toEqual([
      { app: '127.0.0.1:8000', ssoKeys: [], clients: ['demo-oidc'] },
      { app: 'grafana.example.com', ssoKeys: [], clients: ['grafana'] },
      { app: 'localhost:8000', ssoKeys: ['key-demo'], clients: ['demo-oidc'] },
    ]);
    expect(page.items.every((app) => app.stage === 'no logins')).toBe(true);
  });

  it('counts each protocol per app, and lists a host with logins though its key was removed since', async () => {
    await count({});
    await count({ protocol: 'oidc', username: 'user2' });
    await count({ app: 'old.example.com' });
    const page = await listApps.execute();
    const byApp = new Map(page.items.map((app) => [app.app, app]));
    expect(byApp.get('localhost:8000')).toMatchObject({ logins: { 'dj-sso': 1, oidc: 1 }, stage: 'both' });
    expect(byApp.get('localhost:8000')?.lastLogin).toEqual({ 'dj-sso': NOON, oidc: NOON });
    expect(byApp.get('old.example.com')).toMatchObject({ ssoKeys: [], oidcClients: [], logins: { 'dj-sso': 1, oidc: 0 } });
    expect(page.total).toBe(4);
  });

  it('pages by host and searches hosts, keys and clients', async () => {
    const first = await listApps.execute({ limit: 2 });
    expect(first.items.map((app) => app.app)).toEqual(['127.0.0.1:8000', 'grafana.example.com']);
    expect(first).toMatchObject({ total: 3, next: 'grafana.example.com' });
    const second = await listApps.execute({ limit: 2, cursor: first.next ?? '' });
    expect(second.items.map((app) => app.app)).toEqual(['localhost:8000']);
    expect(second).toMatchObject({ total: 3, next: null });
    expect((await listApps.execute({ q: 'GRAFANA' })).items.map((app) => app.app)).toEqual(['grafana.example.com']);
    expect((await listApps.execute({ q: 'key-demo' })).items.map((app) => app.app)).toEqual(['localhost:8000']);
    expect((await listApps.execute({ q: 'demo-oidc' })).total).toBe(2);
    expect(await listApps.execute({ q: 'nothing like it' })).toEqual({ items: [], total: 0, next: null });
  });

  it("shows an app's 30 days, today first, and the users still arriving through dj-sso, most logins first", async () => {
    await count({});
    await count({ protocol: 'oidc' });
    clock.advance(-3 * 86_400);
    await count({ username: 'user2' });
    await count({ username: 'user2' });
    clock.advance(3 * 86_400);
    const app = await showApp.execute('LOCALHOST:8000');
    expect(app.app).toBe('localhost:8000');
    expect(app.days).toHaveLength(30);
    expect(app.days[0]).toEqual({ day: '2026-12-08', logins: { 'dj-sso': 1, oidc: 1 } });
    expect(app.days[3]).toEqual({ day: '2026-12-05', logins: { 'dj-sso': 2, oidc: 0 } });
    expect(app.logins).toEqual({ 'dj-sso': 3, oidc: 1 });
    expect(app.djSsoUsers).toEqual({
      total: 2,
      items: [
        { username: 'user2', logins: 2, lastDay: '2026-12-05' },
        { username: 'user1', logins: 1, lastDay: '2026-12-08' },
      ],
    });
  });

  it('moves to a new row at midnight UTC, and drops a day once it is 30 days back', async () => {
    clock.set(Date.UTC(2026, 11, 8, 23, 59, 59, 999));
    await count({});
    clock.advance(0.001);
    await count({ protocol: 'oidc' });
    const app = await showApp.execute('localhost:8000');
    expect(app.days.slice(0, 2)).toEqual([
      { day: '2026-12-09', logins: { 'dj-sso': 0, oidc: 1 } },
      { day: '2026-12-08', logins: { 'dj-sso': 1, oidc: 0 } },
    ]);
    clock.advance(29 * 86_400);
    expect((await showApp.execute('localhost:8000')).logins).toEqual({ 'dj-sso': 0, oidc: 1 });
    clock.advance(86_400);
    expect((await showApp.execute('localhost:8000')).stage).toBe('no logins');
  });

  it('refuses a host nobody registered and nobody logged in to, and text that is no host', async () => {
    await expect(showApp.execute('nobody.example.com')).rejects.toMatchObject({ code: 'app_meter.unknown_app' });
    await expect(showApp.execute('old.example.com')).rejects.toMatchObject({ code: 'app_meter.unknown_app' });
    await expect(showApp.execute('http://localhost:8000/')).rejects.toMatchObject({ code: 'app_meter.invalid_app' });
  });
});
