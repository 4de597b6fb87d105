import { expect, it } from 'vitest';
import { loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { answerSecondStep, enrollFromAccount, totpCodeAt } from '../support/factor-flow.js';
import { describeWithRedis } from '../support/redis-server.js';
import { logInToProvider } from '../support/sso-flow.js';
import { twoInstances } from '../support/two-instances.js';

await describeWithRedis('the second step on two instances sharing one Redis and one MongoDB', (redis) => {
  const instances = twoInstances({ REDIS_URL: redis.url }, { store: 'mongo' });

  it('finishes on one instance a login begun on the other, and neither takes a code or a recovery code twice', async () => {
    const { first, second } = instances;
    const enrolling = await loggedIn(first.baseUrl, 'user2', '456');
    const { secret, recoveryCodes, response } = await enrollFromAccount(enrolling, first.baseUrl, Date.now());
    expect(response.status).toBe(200);

    // The password on the second instance, the code on the first.
    const browser = new CookieJar();
    const step = await logInToProvider(browser, second.baseUrl, 'user2', '456');
    expect(step.status).toBe(200);
    const code = totpCodeAt(secret, Date.now() + 30_000);
    const done = await answerSecondStep(browser, `${first.baseUrl}/login/`, await step.text(), code);
    expect(done.status).toBe(303);
    expect(browser.names()).toContain('signet_session');

    // The same code, on the other instance: refused.
    const replayer = new CookieJar();
    const again = await logInToProvider(replayer, first.baseUrl, 'user2', '456');
    const replayed = await answerSecondStep(replayer, `${second.baseUrl}/login/`, await again.text(), code);
    expect(replayed.status).toBe(401);

    // A recovery code, used on one instance, is refused on the other.
    const recovery = recoveryCodes[0] ?? '';
    const withRecovery = await answerSecondStep(replayer, `${first.baseUrl}/login/`, await replayed.text(), recovery);
    expect(withRecovery.status).toBe(303);
    const third = new CookieJar();
    const thirdStep = await logInToProvider(third, second.baseUrl, 'user2', '456');
    expect((await answerSecondStep(third, `${second.baseUrl}/login/`, await thirdStep.text(), recovery)).status).toBe(401);
  });
});
