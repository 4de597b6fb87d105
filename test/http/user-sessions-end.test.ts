import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall, adminClient, loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { csrfTokenOf, logInOnSsoPage, loginUrl, redeem, requestToken, tokensFrom } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe("ending a user's sessions", () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  /** What the SSO login page offers this browser: true when it knows the browser as `username`. */
  async function knownAs(jar: CookieJar, username: string): Promise<boolean> {
    const page = await jar.fetch(loginUrl(service.baseUrl, await requestToken(service.baseUrl)));
    return (await page.text()).includes(`Continue as ${username}`);
  }

  it('a new password ends every session the user had, on their next request, and the new password logs in', async () => {
    const laptop = await loggedIn(service.baseUrl, 'user1', '123');
    const phone = await loggedIn(service.baseUrl, 'user1', '123');
    const other = await loggedIn(service.baseUrl, 'user2', '456');
    expect(await knownAs(laptop, 'user1')).toBe(true);

    const changed = await adminCall(adminClient(service.baseUrl), 'POST', '/admin/api/users/user1/password', {
      password: 'a brand new passphrase',
    });
    expect(changed.status).toBe(200);

    expect(await knownAs(laptop, 'user1')).toBe(false);
    expect(await knownAs(phone, 'user1')).toBe(false);
    expect(await knownAs(other, 'user2')).toBe(true);
    expect(await knownAs(await loggedIn(service.baseUrl, 'user1', 'a brand new passphrase'), 'user1')).toBe(true);
  });

  it('a deactivation ends the user’s sessions; other changes of flags do not', async () => {
    const browser = await loggedIn(service.baseUrl, 'user2', '456');
    const admin = adminClient(service.baseUrl);
    expect((await adminCall(admin, 'PATCH', '/admin/api/users/user2', { isStaff: true })).status).toBe(200);
    expect(await knownAs(browser, 'user2')).toBe(true);
    expect((await adminCall(admin, 'PATCH', '/admin/api/users/user2', { isActive: false })).status).toBe(200);
    expect(await knownAs(browser, 'user2')).toBe(false);
  });

  it('a user deactivated after logging in on the SSO page, or continuing as themselves, is not handed to the app', async () => {
    const admin = adminClient(service.baseUrl);
    expect((await adminCall(admin, 'POST', '/admin/api/users', { username: 'user3', password: 'user3 passphrase' })).status).toBe(
      201,
    );
    const typed = await requestToken(service.baseUrl);
    const { authToken: typedAuth } = tokensFrom(
      await logInOnSsoPage(new CookieJar(), loginUrl(service.baseUrl, typed), 'user3', 'user3 passphrase'),
    );
    const browser = await loggedIn(service.baseUrl, 'user3', 'user3 passphrase');
    const continued = await requestToken(service.baseUrl);
    const page = await browser.fetch(loginUrl(service.baseUrl, continued));
    const _csrf = csrfTokenOf(await page.text());
    const { authToken: continuedAuth } = tokensFrom(
      await browser.post(loginUrl(service.baseUrl, continued), { _csrf, action: 'continue', user: 'user3' }),
    );

    expect((await adminCall(admin, 'PATCH', '/admin/api/users/user3', { isActive: false })).status).toBe(200);
    for (const [token, authToken] of [
      [typed, typedAuth],
      [continued, continuedAuth],
    ] as const) {
      const redeemed = await redeem(service.baseUrl, token, authToken);
      expect(redeemed.status).toBe(403);
      expect(await redeemed.text()).not.toContain('user3');
    }
  });
});
