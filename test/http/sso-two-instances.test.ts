import { expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { randomNonce, signHeadersV2 } from '../../src/client/signet-client.js';
import { formatBasicIsoDate } from '../../src/domain/api-auth/timestamps.js';
import { CookieJar } from '../support/cookie-jar.js';
import { rawRequest } from '../support/raw-http.js';
import { describeWithRedis, describeWithRedisCluster } from '../support/redis-server.js';
import { csrfTokenOf, logInOnSsoPage, logInToProvider, loginUrl, redeem, requestToken, tokensFrom } from '../support/sso-flow.js';
import { twoInstances } from '../support/two-instances.js';
import type { TestService } from '../support/test-service.js';

await describeWithRedis('two SSO provider instances sharing one Redis', (redis) => {
  ssoOnTwoInstances({ REDIS_URL: redis.url });
});

await describeWithRedisCluster('two SSO provider instances sharing a Redis Cluster', (cluster) => {
  ssoOnTwoInstances({ REDIS_CLUSTER_NODES: cluster.nodes.join(',') });
});

/** The tests, for two instances on the Redis this environment names. */
function ssoOnTwoInstances(redisEnv: Record<string, string>): void {
  // Each instance seeds its own memory store with the same demo users and SSO key; all they share is the cache.
  const instances = twoInstances(redisEnv);

  async function whoIsLoggedIn(jar: CookieJar, service: TestService): Promise<string> {
    const html = await (await jar.fetch(`${service.baseUrl}/`)).text();
    return /logged in as <strong>([^<]+)<\/strong>/.exec(html)?.[1] ?? 'nobody';
  }

  it('redeems on one instance a token issued and logged in with on the other', async () => {
    const token = await requestToken(instances.first.baseUrl);
    const { authToken } = tokensFrom(
      await logInOnSsoPage(new CookieJar(), loginUrl(instances.second.baseUrl, token), 'user1', '123'),
    );
    const response = await redeem(instances.first.baseUrl, token, authToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { username: 'user1' } });
    expect((await redeem(instances.second.baseUrl, token, authToken)).status).toBe(403);
  });

  it('accepts on one instance a session made on the other, and ends it on both at logout', async () => {
    const jar = new CookieJar();
    expect((await logInToProvider(jar, instances.first.baseUrl, 'user2', '456')).status).toBe(303);
    expect(await whoIsLoggedIn(jar, instances.second)).toBe('user2');

    const home = await (await jar.fetch(`${instances.second.baseUrl}/`)).text();
    expect((await jar.post(`${instances.second.baseUrl}/logout/`, { _csrf: csrfTokenOf(home) })).status).toBe(303);
    expect(await whoIsLoggedIn(jar, instances.first)).toBe('nobody');
  });

  it('continues as the user of a session made on the other instance', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, instances.second.baseUrl, 'admin', '123');
    const token = await requestToken(instances.second.baseUrl);
    const url = loginUrl(instances.first.baseUrl, token);
    const page = await (await jar.fetch(url)).text();
    expect(page).toContain('Continue as admin');
    const { authToken } = tokensFrom(await jar.post(url, { _csrf: csrfTokenOf(page), action: 'continue', user: 'admin' }));
    expect(await (await redeem(instances.second.baseUrl, token, authToken)).json()).toMatchObject({
      user: { username: 'admin', is_staff: true },
    });
  });

  it('lets exactly one of two redemptions sent to both instances at once through', async () => {
    for (let round = 0; round < 5; round += 1) {
      const token = await requestToken(instances.first.baseUrl);
      const { authToken } = tokensFrom(
        await logInOnSsoPage(new CookieJar(), loginUrl(instances.first.baseUrl, token), 'user1', '123'),
      );
      const statuses = await Promise.all([
        redeem(instances.first.baseUrl, token, authToken),
        redeem(instances.second.baseUrl, token, authToken),
      ]).then((responses) => responses.map((response) => response.status));
      expect(statuses.sort()).toEqual([200, 403]);
    }
  });

  it('refuses on one instance the replay of a v2 request the other accepted', async () => {
    const headers = signHeadersV2({
      apiKey: DEMO_API_KEY.apiKey,
      secretKey: DEMO_API_KEY.secretKey,
      method: 'GET',
      url: `${instances.first.baseUrl}/api/hello/`,
      date: formatBasicIsoDate(Date.now()),
      nonce: randomNonce(),
    });
    expect((await fetch(`${instances.first.baseUrl}/api/hello/`, { headers: { ...headers } })).status).toBe(200);
    // The host is signed: the replay goes to the instances.second instance under the instances.first one's name, as a balancer sends it.
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    const replay = await rawRequest(
      instances.second.baseUrl,
      ['GET /api/hello/ HTTP/1.1', `Host: ${new URL(instances.first.baseUrl).host}`, ...lines, 'Connection: close', '', ''].join(
        '\r\n',
      ),
    );
    expect(JSON.parse(replay.body)).toEqual({ error: 'replayed request' });
  });

  it('counts failed logins on both instances together', async () => {
    for (let i = 0; i < 10; i += 1) {
      const instance = i % 2 === 0 ? instances.first : instances.second;
      expect((await logInToProvider(new CookieJar(), instance.baseUrl, 'ghost', 'wrong')).status).toBe(401);
    }
    expect((await logInToProvider(new CookieJar(), instances.first.baseUrl, 'ghost', 'wrong')).status).toBe(429);
    expect((await logInToProvider(new CookieJar(), instances.second.baseUrl, 'ghost', 'wrong')).status).toBe(429);
  });
}
