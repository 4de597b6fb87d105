import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { adminCall, adminClient, loggedIn, postForm, submitOn } from '../support/admin-flow.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const CALLBACK = 'http://127.0.0.1:8000/oidc/callback';

describe('OpenID clients on the admin site', () => {
  let service: TestService;
  let clock: FixedClock;
  let jar: CookieJar;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    jar = await loggedIn(service.baseUrl);
  });
  afterAll(() => service.close());

  const page = async (path: string) => {
    const response = await jar.fetch(`${service.baseUrl}${path}`);
    return { status: response.status, html: await response.text() };
  };
  const secretOn = (html: string) => /<code id="client-secret">([^<]+)<\/code>/.exec(html)?.[1] ?? null;
  const admin = () => adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);

  it('links the clients from the navigation, and lists them with a search box', async () => {
    const { status, html } = await page('/admin/oidc-clients/');
    expect(status).toBe(200);
    expect(html).toContain('<a href="/admin/oidc-clients/" aria-current="page">OpenID clients</a>');
    expect(html).toContain('demo-oidc');
    expect(html).toContain('name="q"');
    expect(html).toContain('name="_csrf"');
  });

  it('registers a confidential client and shows its secret once, on the next page only', async () => {
    const response = await submitOn(jar, service.baseUrl, '/admin/oidc-clients/', '/admin/oidc-clients/', {
      clientId: 'site-wiki',
      clientType: 'confidential',
      name: 'The wiki',
      redirectUris: `${CALLBACK}\r\nhttps://wiki.example.com/cb\r\n`,
      postLogoutRedirectUris: '',
      scopes: ['profile', 'email'],
      firstParty: 'on',
      idTokenSignedResponseAlg: 'RS256',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/oidc-clients/site-wiki');
    const first = await page('/admin/oidc-clients/site-wiki');
    const secret = secretOn(first.html);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secretOn((await page('/admin/oidc-clients/site-wiki')).html)).toBeNull();
    const shown = await adminCall(admin(), 'GET', '/admin/api/oidc-clients/site-wiki');
    expect(shown.body).toMatchObject({
      name: 'The wiki',
      redirectUris: [CALLBACK, 'https://wiki.example.com/cb'],
      scopes: ['openid', 'profile', 'email'],
      firstParty: true,
      idTokenSignedResponseAlg: 'RS256',
      confidential: true,
    });
    const audit = await adminCall(admin(), 'GET', '/admin/api/audit?action=oidc.client-create&target=site-wiki');
    expect(audit.body.entries[0]).toMatchObject({ via: 'admin-site', actor: 'admin' });
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('registers a public client with no secret to show', async () => {
    const response = await submitOn(jar, service.baseUrl, '/admin/oidc-clients/', '/admin/oidc-clients/', {
      clientId: 'site-spa',
      clientType: 'public',
      redirectUris: 'https://spa.example.com/cb',
    });
    expect(response.status).toBe(303);
    const { html } = await page('/admin/oidc-clients/site-spa');
    expect(secretOn(html)).toBeNull();
    expect(html).toContain('public (PKCE only, no secret)');
    expect(html).not.toContain('/rotate-secret');
  });

  it('shows the form again with the reason when a redirect URI is refused, keeping what was typed', async () => {
    const response = await submitOn(jar, service.baseUrl, '/admin/oidc-clients/', '/admin/oidc-clients/', {
      clientId: 'site-bad',
      clientType: 'confidential',
      redirectUris: 'https://bad.example.com/cb#fragment',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('no fragment');
    expect(html).toContain('https://bad.example.com/cb#fragment');
    expect((await adminCall(admin(), 'GET', '/admin/api/oidc-clients/site-bad')).status).toBe(404);
  });

  it('edits a client, disables and enables it, rotates its secret and removes it', async () => {
    const saved = await submitOn(jar, service.baseUrl, '/admin/oidc-clients/site-wiki', '/admin/oidc-clients/site-wiki', {
      name: 'The wiki',
      redirectUris: 'https://wiki.example.com/cb',
      postLogoutRedirectUris: 'https://wiki.example.com/',
      scopes: ['profile'],
      idTokenSignedResponseAlg: 'ES256',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/oidc-clients/site-wiki?notice=updated');
    expect((await adminCall(admin(), 'GET', '/admin/api/oidc-clients/site-wiki')).body).toMatchObject({
      redirectUris: ['https://wiki.example.com/cb'],
      postLogoutRedirectUris: ['https://wiki.example.com/'],
      scopes: ['openid', 'profile'],
      firstParty: false,
      idTokenSignedResponseAlg: 'ES256',
    });

    const disabled = await submitOn(
      jar,
      service.baseUrl,
      '/admin/oidc-clients/site-wiki',
      '/admin/oidc-clients/site-wiki/disable',
      {},
    );
    expect(disabled.status).toBe(303);
    expect((await page('/admin/oidc-clients/site-wiki?notice=disabled')).html).toContain('The client is disabled');
    expect((await adminCall(admin(), 'GET', '/admin/api/oidc-clients/site-wiki')).body.disabled).toBe(true);
    await submitOn(jar, service.baseUrl, '/admin/oidc-clients/site-wiki', '/admin/oidc-clients/site-wiki/enable', {});
    expect((await adminCall(admin(), 'GET', '/admin/api/oidc-clients/site-wiki')).body.disabled).toBe(false);

    const rotated = await submitOn(
      jar,
      service.baseUrl,
      '/admin/oidc-clients/site-wiki',
      '/admin/oidc-clients/site-wiki/rotate-secret',
      {},
    );
    expect(rotated.status).toBe(303);
    expect(secretOn((await page('/admin/oidc-clients/site-wiki')).html)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const removed = await submitOn(
      jar,
      service.baseUrl,
      '/admin/oidc-clients/site-wiki',
      '/admin/oidc-clients/site-wiki/remove',
      {},
    );
    expect(removed.headers.get('location')).toBe('/admin/oidc-clients/?removed=site-wiki');
    expect((await page('/admin/oidc-clients/site-wiki')).status).toBe(404);
    const entries = (await adminCall(admin(), 'GET', '/admin/api/audit?target=site-wiki&via=admin-site')).body.entries as {
      action: string;
    }[];
    const actions = entries.map((entry) => entry.action);
    for (const action of [
      'oidc.client-update',
      'oidc.client-disable',
      'oidc.client-enable',
      'oidc.client-rotate-secret',
      'oidc.client-remove',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('refuses a change without its CSRF token', async () => {
    const response = await postForm(jar, `${service.baseUrl}/admin/oidc-clients/demo-oidc/disable`, {});
    expect(response.status).toBe(403);
    expect((await adminCall(admin(), 'GET', '/admin/api/oidc-clients/demo-oidc')).body.disabled).toBe(false);
  });

  it('pages the list 50 at a time, the search and the cursor in the URL', async () => {
    for (let index = 0; index < 52; index += 1) {
      await adminCall(admin(), 'POST', '/admin/api/oidc-clients', {
        clientId: `bulk-${String(index).padStart(2, '0')}`,
        redirectUris: [CALLBACK],
      });
    }
    const first = await page('/admin/oidc-clients/?q=bulk-');
    expect(first.html).toContain('50 of 52');
    expect(first.html).toContain('href="/admin/oidc-clients/?q=bulk-&amp;cursor=bulk-49"');
    const second = await page('/admin/oidc-clients/?q=bulk-&cursor=bulk-49');
    expect(second.html).toContain('bulk-51');
    expect(second.html).not.toContain('bulk-48<');
  });

  it('shows the signing keys and publishes new ones from a button', async () => {
    const before = await page('/admin/oidc-keys/');
    expect(before.status).toBe(200);
    expect(before.html).toContain('ES256');
    expect(before.html).toContain('RS256');
    expect(before.html).not.toContain('pending');
    const rotated = await submitOn(jar, service.baseUrl, '/admin/oidc-keys/', '/admin/oidc-keys/rotate', {});
    expect(rotated.status).toBe(303);
    const after = await page('/admin/oidc-keys/?notice=rotated');
    expect(after.html).toContain('New keys are published');
    expect(after.html.match(/>pending</g)).toHaveLength(2);
    expect((await adminCall(admin(), 'GET', '/admin/api/audit?action=oidc.keys-rotate')).body.entries[0]).toMatchObject({
      via: 'admin-site',
    });
  });

  it('lets a staff user who is not a superuser change clients only through the admin API entry points they hold', async () => {
    expect(
      (
        await adminCall(admin(), 'POST', '/admin/api/users', {
          username: 'oidc-reader',
          password: 'reader-pass-1',
          isStaff: true,
        })
      ).status,
    ).toBe(201);
    await adminCall(admin(), 'POST', '/admin/api/keys', {
      username: 'oidc-reader',
      entryPoints: ['GET /admin/api/oidc-clients', 'POST /admin/api/oidc-clients/:clientId/disable'],
    });
    const reader = await loggedIn(service.baseUrl, 'oidc-reader', 'reader-pass-1');
    expect((await reader.fetch(`${service.baseUrl}/admin/oidc-clients/`)).status).toBe(200);
    const create = await submitOn(reader, service.baseUrl, '/admin/oidc-clients/', '/admin/oidc-clients/', {
      clientId: 'by-reader',
      clientType: 'confidential',
      redirectUris: CALLBACK,
    });
    expect(create.status).toBe(403);
    expect(await create.text()).toContain('POST /admin/api/oidc-clients');
    const rotate = await submitOn(reader, service.baseUrl, '/admin/oidc-keys/', '/admin/oidc-keys/rotate', {});
    expect(rotate.status).toBe(403);
    const disable = await submitOn(
      reader,
      service.baseUrl,
      '/admin/oidc-clients/site-spa',
      '/admin/oidc-clients/site-spa/disable',
      {},
    );
    expect(disable.status).toBe(303);
    expect((await adminCall(admin(), 'GET', '/admin/api/oidc-clients/by-reader')).status).toBe(404);
  });
});
