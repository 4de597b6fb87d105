import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall, adminClient, loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { answerSecondStep, enrollFromAccount, shownRecoveryCodes, shownTotpSecret, totpCodeAt } from '../support/factor-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { csrfTokenOf, logInToProvider } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { testConfig } from '../support/test-config.js';

describe('MFA_REQUIRED=staff', () => {
  let service: TestService;
  const clock = new FixedClock();

  beforeAll(async () => {
    service = await startTestService({ clock, config: testConfig({ MFA_REQUIRED: 'staff' }) });
  });
  afterAll(() => service.close());

  const adminPages = ['/admin/', '/admin/users/', '/admin/keys/', '/admin/audit/', '/admin/users/user1'];

  it("sends admin's first login to enrolment, and no admin page answers before it is done", async () => {
    const jar = new CookieJar();
    const password = await logInToProvider(jar, service.baseUrl, 'admin', '123');
    expect(password.status).toBe(200);
    const enrolment = await password.text();
    expect(enrolment).toContain('Set up a second factor');
    expect(enrolment).toMatch(/<img class="qr-code" src="data:image\/svg\+xml;base64,/);
    expect(jar.names()).not.toContain('signet_session');
    for (const path of [...adminPages, '/account/']) {
      const page = await jar.fetch(`${service.baseUrl}${path}`);
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toMatch(/^\/login\/\?next=/);
    }

    const secret = shownTotpSecret(enrolment);
    const wrong = await answerSecondStep(jar, `${service.baseUrl}/login/`, enrolment, '000000');
    expect(wrong.status).toBe(401);
    const codes = await answerSecondStep(jar, `${service.baseUrl}/login/`, await wrong.text(), totpCodeAt(secret, clock.now()));
    expect(codes.status).toBe(200);
    const codesPage = await codes.text();
    expect(shownRecoveryCodes(codesPage)).toHaveLength(10);
    // Shown the codes, still no session: the login finishes when the user goes on.
    expect(jar.names()).not.toContain('signet_session');
    expect((await jar.fetch(`${service.baseUrl}/admin/`)).status).toBe(303);

    const onward = await jar.post(`${service.baseUrl}/login/`, {
      _csrf: csrfTokenOf(codesPage),
      action: 'second-step',
      next: '/admin/',
    });
    expect(onward.status).toBe(303);
    expect(jar.names()).toContain('signet_session');
    for (const path of adminPages) expect((await jar.fetch(`${service.baseUrl}${path}`)).status).toBe(200);
    expect(await (await jar.fetch(`${service.baseUrl}/admin/`)).text()).toContain('MFA_REQUIRED=staff');

    // The next login asks for the code, not for a new enrolment.
    clock.advance(30);
    const again = new CookieJar();
    const step = await logInToProvider(again, service.baseUrl, 'admin', '123');
    const stepPage = await step.text();
    expect(stepPage).toContain('Second step');
    expect((await answerSecondStep(again, `${service.baseUrl}/login/`, stepPage, totpCodeAt(secret, clock.now()))).status).toBe(
      303,
    );
  });

  it('does not ask user1, whom the policy does not cover and who has no factor', async () => {
    const jar = new CookieJar();
    const response = await logInToProvider(jar, service.baseUrl, 'user1', '123');
    expect(response.status).toBe(303);
    expect(jar.names()).toContain('signet_session');
  });

  it('leaves the admin API keys alone: they are their own factor', async () => {
    expect((await adminCall(adminClient(service.baseUrl, undefined, clock), 'GET', '/admin/api/users?limit=5')).status).toBe(200);
  });
});

describe("an admin's reset of a user's second factors", () => {
  let service: TestService;
  const clock = new FixedClock();

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  it('removes them, ends the user’s sessions, is in the audit log, and the user logs in with a password again', async () => {
    const user = await loggedIn(service.baseUrl, 'user1', '123');
    await enrollFromAccount(user, service.baseUrl, clock.now());
    const userPage = await (await user.fetch(`${service.baseUrl}/account/`)).text();
    expect(userPage).toContain('phone');

    const admin = await loggedIn(service.baseUrl, 'admin', '123');
    const adminView = await (await admin.fetch(`${service.baseUrl}/admin/users/user1`)).text();
    expect(adminView).toContain('authenticator app (TOTP)');
    expect(adminView).toContain('phone');
    expect(adminView).toContain('10 recovery codes left');
    const reset = await admin.post(`${service.baseUrl}/admin/users/user1/factors/reset`, { _csrf: csrfTokenOf(adminView) });
    expect(reset.status).toBe(303);

    // user1's session has ended.
    expect((await user.fetch(`${service.baseUrl}/account/`)).status).toBe(303);
    const audit = await adminCall(adminClient(service.baseUrl, undefined, clock), 'GET', '/admin/api/audit?target=user1');
    expect(JSON.stringify(audit.body)).toContain('user.reset-factors');
    expect(await (await admin.fetch(`${service.baseUrl}/admin/users/user1`)).text()).not.toContain('phone');
    const back = new CookieJar();
    expect((await logInToProvider(back, service.baseUrl, 'user1', '123')).status).toBe(303);
  });

  it('is refused to a staff user who is not a superuser', async () => {
    const staff = await adminCall(adminClient(service.baseUrl, undefined, clock), 'PATCH', '/admin/api/users/user2', {
      isStaff: true,
    });
    expect(staff.status).toBe(200);
    const browser = await loggedIn(service.baseUrl, 'user2', '456');
    const page = await browser.fetch(`${service.baseUrl}/admin/users/`);
    const refused = await browser.post(`${service.baseUrl}/admin/users/user1/factors/reset`, {
      _csrf: csrfTokenOf(await page.text()),
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('only a superuser may reset a user');
    expect(await (await browser.fetch(`${service.baseUrl}/admin/users/user1`)).text()).not.toContain('/factors/reset');
  });
});
