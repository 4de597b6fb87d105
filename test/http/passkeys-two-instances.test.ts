import { createClient } from 'redis';
import { expect, it } from 'vitest';
import { loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { csrfOn, passkeyOptions } from '../support/passkey-flow.js';
import { describeWithRedis } from '../support/redis-server.js';
import { SoftAuthenticator, type CreationOptions, type RequestOptions } from '../support/soft-authenticator.js';
import { twoInstances } from '../support/two-instances.js';

const ORIGIN = 'http://localhost:3000';

await describeWithRedis('passkeys on two instances sharing one Redis and one MongoDB', (redis) => {
  const instances = twoInstances({ REDIS_URL: redis.url }, { store: 'mongo', env: { PUBLIC_URL: ORIGIN } });

  it('finishes on one instance a registration begun on the other, and a sign-in the same way', async () => {
    const { first, second } = instances;
    const authenticator = new SoftAuthenticator(ORIGIN);
    const jar = await loggedIn(first.baseUrl, 'user1', '123');
    const _csrf = await csrfOn(jar, `${first.baseUrl}/account/passkeys/`);
    const creation = await passkeyOptions<CreationOptions>(jar, first.baseUrl, 'register', _csrf);
    const made = authenticator.create(creation);
    const registered = await jar.post(`${second.baseUrl}/account/passkeys/`, { _csrf, name: 'Shared', passkey: made.response });
    expect(registered.status).toBe(303);
    expect(await (await jar.fetch(`${first.baseUrl}/account/passkeys/`)).text()).toContain('value="Shared"');

    const browser = new CookieJar();
    const signInCsrf = await csrfOn(browser, `${second.baseUrl}/login/`);
    const request = await passkeyOptions<RequestOptions>(browser, second.baseUrl, 'sign-in', signInCsrf);
    const answer = authenticator.get(request);
    const signedIn = await browser.post(`${first.baseUrl}/login/`, { _csrf: signInCsrf, action: 'passkey', passkey: answer });
    expect(signedIn.status).toBe(303);
    // Taken once, whichever instance the replay goes to.
    const replayed = await browser
      .clone()
      .post(`${second.baseUrl}/login/`, { _csrf: signInCsrf, action: 'passkey', passkey: answer });
    expect(replayed.status).toBe(400);
  });

  it('keeps the challenge for five minutes in the shared cache, and no longer', async () => {
    const { first } = instances;
    const browser = new CookieJar();
    const _csrf = await csrfOn(browser, `${first.baseUrl}/login/`);
    await passkeyOptions<RequestOptions>(browser, first.baseUrl, 'sign-in', _csrf);
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys(`${first.runtime.config.redisKeyPrefix}passkey-challenge:sign-in:*`);
      expect(keys).toHaveLength(1);
      const ttl = await client.ttl(keys[0]!);
      expect(ttl).toBeLessThanOrEqual(300);
      expect(ttl).toBeGreaterThan(200);
    } finally {
      await client.quit();
    }
  });
});
