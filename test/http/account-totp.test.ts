import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { answerSecondStep, enrollFromAccount, totpCodeAt } from '../support/factor-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { logInToProvider } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('one-time codes (TOTP) from the account page, asked after the password on /login/', () => {
  let service: TestService;
  const clock = new FixedClock();

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  /** The password typed on /login/: the second step's page (200) for a user with a factor. */
  async function passwordStep(jar: CookieJar, username: string, password: string): Promise<{ status: number; html: string }> {
    const response = await logInToProvider(jar, service.baseUrl, username, password);
    return { status: response.status, html: await response.text() };
  }

  it('enrols, then logs in with password and code; a replayed code, a wrong one and a used recovery code are refused', async () => {
    const browser = await loggedIn(service.baseUrl, 'user1', '123');
    const { secret, recoveryCodes, response } = await enrollFromAccount(browser, service.baseUrl, clock.now());
    expect(response.status).toBe(200);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    // The password alone no longer logs in: no session cookie until the code.
    clock.advance(30);
    const laptop = new CookieJar();
    const first = await passwordStep(laptop, 'user1', '123');
    expect(first.status).toBe(200);
    expect(first.html).toContain('Second step');
    expect(laptop.names()).not.toContain('signet_session');
    const code = totpCodeAt(secret, clock.now());
    const loggedInWithCode = await answerSecondStep(laptop, `${service.baseUrl}/login/`, first.html, code);
    expect(loggedInWithCode.status).toBe(303);
    expect(laptop.names()).toContain('signet_session');
    const account = await (await laptop.fetch(`${service.baseUrl}/account/`)).text();
    expect(account).toContain('phone');
    expect(account).toContain('with a second factor');

    // The same code again, in its window, on another browser: refused.
    const phone = new CookieJar();
    const again = await passwordStep(phone, 'user1', '123');
    const replayed = await answerSecondStep(phone, `${service.baseUrl}/login/`, again.html, code);
    expect(replayed.status).toBe(401);
    expect(phone.names()).not.toContain('signet_session');
    const replayedHtml = await replayed.text();
    expect(replayedHtml).toContain('not right, or was used already');

    // A wrong code: refused too.
    const wrong = await answerSecondStep(
      phone,
      `${service.baseUrl}/login/`,
      replayedHtml,
      code === '000000' ? '111111' : '000000',
    );
    expect(wrong.status).toBe(401);
    expect(phone.names()).not.toContain('signet_session');

    // A recovery code logs in once.
    const recovery = recoveryCodes[0] ?? '';
    const withRecovery = await answerSecondStep(phone, `${service.baseUrl}/login/`, await wrong.text(), recovery.toLowerCase());
    expect(withRecovery.status).toBe(303);
    expect(phone.names()).toContain('signet_session');
    const tablet = new CookieJar();
    const third = await passwordStep(tablet, 'user1', '123');
    const recoveryAgain = await answerSecondStep(tablet, `${service.baseUrl}/login/`, third.html, recovery);
    expect(recoveryAgain.status).toBe(401);
    expect(tablet.names()).not.toContain('signet_session');
    expect(await (await tablet.fetch(`${service.baseUrl}/account/`)).text()).not.toContain('Your account');
  });

  it('counts wrong codes toward the same lockout as passwords, and a right password does not start the count again', async () => {
    const browser = await loggedIn(service.baseUrl, 'user2', '456');
    const { secret } = await enrollFromAccount(browser, service.baseUrl, clock.now());
    clock.advance(30);
    const attacker = new CookieJar();
    let refusedAt: number | null = null;
    // Ten tries a window, passwords and codes together: the right password never resets the count.
    for (let attempt = 0; attempt < 12 && refusedAt === null; attempt += 1) {
      const step = await passwordStep(attacker, 'user2', '456');
      if (step.status === 429) {
        refusedAt = attempt;
        break;
      }
      let html = step.html;
      for (let guess = 0; guess < 5; guess += 1) {
        const answer = await answerSecondStep(attacker, `${service.baseUrl}/login/`, html, '000000');
        if (answer.status === 429) {
          refusedAt = attempt;
          break;
        }
        expect([400, 401]).toContain(answer.status);
        html = await answer.text();
        if (answer.status === 400) break;
      }
    }
    expect(refusedAt).not.toBeNull();
    expect(attacker.names()).not.toContain('signet_session');
    // Locked out: even the right password and the right code are refused until the window ends.
    const owner = new CookieJar();
    const step = await passwordStep(owner, 'user2', '456');
    expect(step.status).toBe(429);
    clock.advance(15 * 60 + 1);
    const later = await passwordStep(owner, 'user2', '456');
    expect(later.status).toBe(200);
    const done = await answerSecondStep(owner, `${service.baseUrl}/login/`, later.html, totpCodeAt(secret, clock.now()));
    expect(done.status).toBe(303);
  });

  it('never shows a secret on the account page once enrolled, nor sends an expired half-login anywhere', async () => {
    const browser = await loggedIn(service.baseUrl, 'admin', '123');
    const { secret } = await enrollFromAccount(browser, service.baseUrl, clock.now());
    const account = await (await browser.fetch(`${service.baseUrl}/account/`)).text();
    expect(account).not.toContain(secret);
    clock.advance(30);
    const jar = new CookieJar();
    const step = await passwordStep(jar, 'admin', '123');
    clock.advance(5 * 60 + 1);
    const late = await answerSecondStep(jar, `${service.baseUrl}/login/`, step.html, totpCodeAt(secret, clock.now()));
    expect(late.status).toBe(400);
    expect(jar.names()).not.toContain('signet_session');
  });
});
