import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { answerSecondStep, enrollFromAccount, totpCodeAt } from '../support/factor-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { logInToProvider } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

const BROWSERS = 5;
const TRIES_EACH = 20;

/**
 * A one-time code is accepted once: a hundred answers carrying the same code at the same moment,
 * from five browsers that each passed the password, log in exactly one of them, and none gets a 500.
 */
describe('one code in a burst of a hundred second steps', () => {
  let service: TestService;
  const clock = new FixedClock();

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  it('logs in exactly one browser', async () => {
    const { secret } = await enrollFromAccount(await loggedIn(service.baseUrl, 'user1', '123'), service.baseUrl, clock.now());
    clock.advance(30);
    // The passwords one after the other: a burst of logins is the login throttle's test, not this one's.
    const browsers: { jar: CookieJar; html: string }[] = [];
    for (let i = 0; i < BROWSERS; i += 1) {
      const jar = new CookieJar();
      const step = await logInToProvider(jar, service.baseUrl, 'user1', '123');
      expect(step.status).toBe(200);
      browsers.push({ jar, html: await step.text() });
    }
    const code = totpCodeAt(secret, clock.now());
    const statuses = await Promise.all(
      browsers.flatMap(({ jar, html }) =>
        Array.from({ length: TRIES_EACH }, async () => {
          const response = await answerSecondStep(jar, `${service.baseUrl}/login/`, html, code);
          await response.body?.cancel();
          return response.status;
        }),
      ),
    );
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.filter((status) => ![303, 400, 401, 429].includes(status))).toEqual([]);
    expect(browsers.filter(({ jar }) => jar.names().includes('signet_session'))).toHaveLength(1);
  });
});
