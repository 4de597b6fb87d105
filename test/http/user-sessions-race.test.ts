import { asValue } from 'awilix';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PasswordHasher } from '../../src/domain/users/password-hasher.port.js';
import { adminCall, adminClient, loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import { logInOnSsoPage, logInToProvider, loginUrl, redeem, requestToken, tokensFrom } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * A password hasher whose next check answers only when the test lets it: what a slow check does to
 * a login that read the user just before an admin gave them a new password.
 */
class CheckHold {
  private armed = false;
  private release: (() => void) | undefined;
  private holding: (() => void) | undefined;
  /** Resolves once a check is being held. */
  held: Promise<void> = Promise.resolve();

  wrap(hasher: PasswordHasher): PasswordHasher {
    return {
      hash: (password) => hasher.hash(password),
      needsRehash: (encoded) => hasher.needsRehash(encoded),
      verify: async (password, encoded) => {
        const matches = await hasher.verify(password, encoded);
        if (this.armed) {
          this.armed = false;
          this.holding?.();
          await new Promise<void>((resolve) => (this.release = resolve));
        }
        return matches;
      },
    };
  }

  arm(): void {
    this.armed = true;
    this.held = new Promise((resolve) => (this.holding = resolve));
  }

  letGo(): void {
    this.release?.();
  }
}

await describeWithRedis('a new password landing while a login checks the old one, on two instances', (redis) => {
  const hold = new CheckHold();
  let first: TestService;
  let second: TestService;

  beforeAll(async () => {
    const config = testConfig({ CACHE: 'redis', REDIS_URL: redis.url, REDIS_KEY_PREFIX: uniqueKeyPrefix() });
    second = await startTestService({ config });
    const { passwordHasher, userDirectory } = second.container.cradle;
    // The two share their users as well as the cache, as two instances on one database do.
    first = await startTestService({
      config,
      overrides: { passwordHasher: asValue(hold.wrap(passwordHasher)), userDirectory: asValue(userDirectory) },
    });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  async function whoIsLoggedIn(jar: CookieJar, service: TestService): Promise<string> {
    const html = await (await jar.fetch(`${service.baseUrl}/`)).text();
    return /logged in as <strong>([^<]+)<\/strong>/.exec(html)?.[1] ?? 'nobody';
  }

  async function setPassword(service: TestService, username: string, password: string): Promise<void> {
    const changed = await adminCall(adminClient(service.baseUrl), 'POST', `/admin/api/users/${username}/password`, { password });
    expect(changed.status).toBe(200);
  }

  it('a login that checked the old password before the change gets no session that outlives it', async () => {
    const jar = new CookieJar();
    hold.arm();
    const login = logInToProvider(jar, first.baseUrl, 'user1', '123');
    await hold.held;
    await setPassword(second, 'user1', 'the first new passphrase');
    hold.letGo();
    expect((await login).status).toBe(303);
    expect(await whoIsLoggedIn(jar, first)).toBe('nobody');
    expect(await whoIsLoggedIn(jar, second)).toBe('nobody');
  });

  it('an SSO login that checked the old password before the change gets a grant that cannot be redeemed', async () => {
    const token = await requestToken(first.baseUrl);
    hold.arm();
    const login = logInOnSsoPage(new CookieJar(), loginUrl(first.baseUrl, token), 'user1', 'the first new passphrase');
    await hold.held;
    await setPassword(second, 'user1', 'the second new passphrase');
    hold.letGo();
    const { authToken } = tokensFrom(await login);
    const redeemed = await redeem(second.baseUrl, token, authToken);
    expect(redeemed.status).toBe(403);
    expect(await redeemed.text()).not.toContain('user1');
  });

  it('the new password logs in at once on the other instance, and only the old sessions are out', async () => {
    const old = await loggedIn(first.baseUrl, 'user2', '456');
    await setPassword(first, 'user2', 'a passphrase for user2');
    const fresh = await loggedIn(second.baseUrl, 'user2', 'a passphrase for user2');
    expect(await whoIsLoggedIn(fresh, first)).toBe('user2');
    expect(await whoIsLoggedIn(fresh, second)).toBe('user2');
    expect(await whoIsLoggedIn(old, second)).toBe('nobody');
    expect(await whoIsLoggedIn(old, first)).toBe('nobody');
  });
});
