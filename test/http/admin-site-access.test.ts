import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { adminSiteRoutes, loggedIn, postForm } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { csrfTokenOf } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const PARAMETERS = { apiKey: DEMO_API_KEY.apiKey, host: 'localhost:8000', username: 'user2', clientId: 'demo-oidc' };

describe('who may use the admin site', () => {
  let service: TestService;
  let clock: FixedClock;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock, config: testConfig({ ADMIN_SESSION_IDLE: '300' }) });
    routes = adminSiteRoutes(service.runtime.routers, PARAMETERS);
  });
  afterAll(() => service.close());

  const gets = () => routes.filter((route) => route.method === 'GET');
  const posts = () => routes.filter((route) => route.method === 'POST');

  it('has the routes these tests go through', () => {
    expect(gets().length).toBeGreaterThanOrEqual(10);
    expect(posts().length).toBeGreaterThanOrEqual(12);
  });

  it('sends a visitor who has not logged in to the login page from every admin page, coming back after', async () => {
    for (const { path } of gets()) {
      const response = await fetch(`${service.baseUrl}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe(`/login/?next=${encodeURIComponent(path)}`);
    }
  });

  it('takes /admin without its slash as /admin/', async () => {
    const response = await fetch(`${service.baseUrl}/admin`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/admin/');
  });

  it('refuses every admin action to a visitor who has not logged in, CSRF token or not', async () => {
    const jar = new CookieJar();
    const _csrf = csrfTokenOf(await (await jar.fetch(`${service.baseUrl}/login/`)).text());
    for (const { path } of posts()) {
      const response = await postForm(jar, `${service.baseUrl}${path}`, {
        _csrf,
        note: 'x',
        username: 'mallory',
        password: 'long enough',
      });
      expect(response.status, path).toBe(403);
    }
    expect(await (await fetch(`${service.baseUrl}/admin/api/audit`)).json()).toEqual({ error: 'parameter missing' });
  });

  it('shows no admin page to a logged-in user who is not staff', async () => {
    const jar = await loggedIn(service.baseUrl, 'user1', '123');
    for (const { path } of gets()) {
      const response = await jar.fetch(`${service.baseUrl}${path}`);
      expect(response.status, path).toBe(403);
      expect(await response.text(), path).toContain('This page is for staff users only.');
    }
  });

  it('lets a logged-in user who is not staff do no admin action, even with a valid CSRF token', async () => {
    const jar = await loggedIn(service.baseUrl, 'user1', '123');
    const _csrf = csrfTokenOf(await (await jar.fetch(`${service.baseUrl}/`)).text());
    for (const { path } of posts()) {
      const response = await postForm(jar, `${service.baseUrl}${path}`, {
        _csrf,
        note: 'x',
        host: 'evil.example',
        username: 'mallory',
        password: 'long enough',
        isStaff: 'on',
        isActive: 'on',
      });
      expect(response.status, path).toBe(403);
    }
    const after = await loggedIn(service.baseUrl);
    expect(await (await after.fetch(`${service.baseUrl}/admin/users/`)).text()).not.toContain('mallory');
    const audit = await (await after.fetch(`${service.baseUrl}/admin/audit/`)).text();
    expect(audit).not.toContain('user1');
  });

  it('refuses every admin POST without _csrf, and with a token from another browser, to staff', async () => {
    const jar = await loggedIn(service.baseUrl);
    const other = await loggedIn(service.baseUrl);
    const foreign = csrfTokenOf(await (await other.fetch(`${service.baseUrl}/admin/keys/new`)).text());
    for (const { path } of posts()) {
      const without = await postForm(jar, `${service.baseUrl}${path}`, { note: 'x', password: 'long enough' });
      expect(without.status, path).toBe(403);
      expect(await without.text(), path).toContain('This form has expired or did not come from this site.');
      const forged = await postForm(jar, `${service.baseUrl}${path}`, { _csrf: foreign, note: 'x' });
      expect(forged.status, path).toBe(403);
    }
  });

  it('gives staff every admin page, each with a CSP without inline script, no framing, and a referrer policy', async () => {
    const jar = await loggedIn(service.baseUrl);
    for (const { path } of gets()) {
      const response = await jar.fetch(`${service.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      const html = await response.text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/\son[a-z]+=/);
    }
  });

  it('ends an admin session after ADMIN_SESSION_IDLE without a request', async () => {
    const jar = await loggedIn(service.baseUrl);
    expect((await jar.fetch(`${service.baseUrl}/admin/keys/`)).status).toBe(200);
    clock.advance(250);
    expect((await jar.fetch(`${service.baseUrl}/admin/keys/`)).status).toBe(200);
    clock.advance(301);
    const idle = await jar.fetch(`${service.baseUrl}/admin/keys/`);
    expect(idle.status).toBe(303);
    expect(idle.headers.get('location')).toBe('/login/?next=%2Fadmin%2Fkeys%2F');
    const home = await (await jar.fetch(`${service.baseUrl}/`)).text();
    expect(home).toContain('You are not logged in');
  });

  it('takes a staff user who loses the flag out of the admin at once', async () => {
    const carol = await loggedIn(service.baseUrl);
    const jar = await loggedIn(service.baseUrl);
    expect((await carol.fetch(`${service.baseUrl}/admin/`)).status).toBe(200);
    const page = await (await jar.fetch(`${service.baseUrl}/admin/users/user2`)).text();
    const flagged = await postForm(jar, `${service.baseUrl}/admin/users/user2/flags`, {
      _csrf: csrfTokenOf(page),
      isStaff: 'on',
      isActive: 'on',
    });
    expect(flagged.status).toBe(303);
    const user2 = await loggedIn(service.baseUrl, 'user2', '456');
    expect((await user2.fetch(`${service.baseUrl}/admin/`)).status).toBe(200);
    await postForm(jar, `${service.baseUrl}/admin/users/user2/flags`, { _csrf: csrfTokenOf(page), isActive: 'on' });
    expect((await user2.fetch(`${service.baseUrl}/admin/`)).status).toBe(403);
  });
});
