import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { csrfTokenOf, loginUrl, requestToken } from '../support/sso-flow.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const BURST = 120;
/** The password hash production runs (Argon2id at the default parameters), so that queued work would show. */
const HASH_COST = { PASSWORD_HASH_ALGORITHM: 'argon2id' };

let nextAddress = 0;

/** A login form ready to post, in a fresh browser at an address of its own (behind a trusted proxy). */
interface LoginForm {
  url: string;
  jar: CookieJar;
  csrf: string;
  headers: Record<string, string>;
}

async function form(url: string): Promise<LoginForm> {
  nextAddress += 1;
  const headers = { 'x-forwarded-for': `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}` };
  const jar = new CookieJar();
  const page = await jar.fetch(url, { headers });
  return { url, jar, csrf: csrfTokenOf(await page.text()), headers };
}

function post(login: LoginForm, username: string, password: string): Promise<Response> {
  return login.jar.post(login.url, { _csrf: login.csrf, username, password }, { headers: login.headers });
}

/**
 * A burst of wrong passwords for one username, sent at once with the right one last, each from an
 * address of its own so that only the username's limit is at work: no burst gets more tries than
 * the limit, nothing waits behind it, and the right password is refused once the username is over.
 */
function burstSuite(name: string, env: () => Record<string, string>): void {
  describe(name, () => {
    let service: TestService;
    beforeAll(async () => {
      service = await startTestService({ config: testConfig({ ...HASH_COST, TRUST_PROXY: 'true', ...env() }) });
    });
    afterAll(() => service.close());

    for (const [page, username, password] of [
      ['/login/', 'admin', '123'],
      ['/sso/login/', 'user1', '123'],
    ] as const) {
      it(`a burst of ${BURST} on ${page} gets no more than 10 tries, finishes at once, and refuses the right password over the limit`, async () => {
        const url = async () =>
          page === '/login/' ? `${service.baseUrl}/login/` : loginUrl(service.baseUrl, await requestToken(service.baseUrl));
        const forms = await Promise.all(Array.from({ length: BURST + 1 }, async () => form(await url())));

        const started = performance.now();
        const statuses = await Promise.all(
          forms.map((login, index) =>
            post(login, username, index === BURST ? password : 'wrong').then((response) => response.status),
          ),
        );
        const elapsed = performance.now() - started;
        const wrong = statuses.slice(0, BURST);
        const checked = wrong.filter((status) => status === 401).length;
        expect(checked).toBeGreaterThan(0);
        expect(checked).toBeLessThanOrEqual(10);
        expect(wrong.filter((status) => status === 429)).toHaveLength(BURST - checked);
        // The right password, under the limit still, logs in if it found the username's check free.
        expect([303, 429]).toContain(statuses[BURST]);
        expect(elapsed).toBeLessThan(3000);

        // One at a time, the username reaches its limit; then a burst with the right password is all refused.
        // A success starts the username's count again.
        const tried = statuses[BURST] === 303 ? 0 : checked;
        for (let i = tried; i < 10; i += 1) expect((await post(await form(await url()), username, 'wrong')).status).toBe(401);
        const refused = await Promise.all(
          Array.from({ length: 100 }, async () => post(await form(await url()), username, password)),
        );
        for (const response of refused) {
          expect(response.status).toBe(429);
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        // Another username is not held up.
        expect((await post(await form(await url()), 'user2', '456')).status).toBeLessThan(400);
      });
    }
  });
}

describe('a burst of logins', () => {
  burstSuite('on a memory cache', () => ({}));
});

await describeWithRedis('a burst of logins on Redis', (redis) => {
  burstSuite('on Redis', () => ({ CACHE: 'redis', REDIS_URL: redis.url, REDIS_KEY_PREFIX: uniqueKeyPrefix() }));
});
