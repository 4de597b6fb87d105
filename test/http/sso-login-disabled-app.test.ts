import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { loginUrl, requestToken, type SsoKey } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('the SSO login page of a disabled or expired app', () => {
  let service: TestService;
  let admin: SignetClient;

  beforeAll(async () => {
    service = await startTestService();
    admin = adminClient(service.baseUrl);
  });
  afterAll(() => service.close());

  async function addHost(host: string, expiresAt?: number): Promise<SsoKey> {
    const added = await adminCall(admin, 'POST', '/admin/api/sso-hosts', { host });
    expect(added.status).toBe(201);
    const key = added.body as SsoKey;
    if (expiresAt !== undefined) {
      expect((await adminCall(admin, 'PATCH', `/admin/api/keys/${key.apiKey}`, { expiresAt })).status).toBe(200);
    }
    return key;
  }

  async function loginPage(key: SsoKey, host: string, token: string): Promise<{ status: number; html: string }> {
    const response = await new CookieJar().fetch(
      loginUrl(service.baseUrl, token, { apiKey: key.apiKey, next: `https://${host}/sso/auth/` }),
    );
    return { status: response.status, html: await response.text() };
  }

  it('shows the password form while the app is enabled', async () => {
    const key = await addHost('live.example');
    const page = await loginPage(key, 'live.example', await requestToken(service.baseUrl, key));
    expect(page.status).toBe(200);
    expect(page.html).toContain('type="password"');
  });

  it('refuses a disabled app before asking for a password: 403, API key disabled', async () => {
    const key = await addHost('disabled.example');
    const token = await requestToken(service.baseUrl, key);
    expect((await adminCall(admin, 'POST', `/admin/api/keys/${key.apiKey}/disable`)).status).toBe(200);
    const page = await loginPage(key, 'disabled.example', token);
    expect(page.status).toBe(403);
    expect(page.html).toContain('API key disabled');
    expect(page.html).not.toContain('type="password"');
  });

  it('refuses an expired app before asking for a password: 403, API key expired', async () => {
    const key = await addHost('expired.example', Date.now() + 1500);
    const token = await requestToken(service.baseUrl, key);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const page = await loginPage(key, 'expired.example', token);
    expect(page.status).toBe(403);
    expect(page.html).toContain('API key expired');
    expect(page.html).not.toContain('type="password"');
  });
});
