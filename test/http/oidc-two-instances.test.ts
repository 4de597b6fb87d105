import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import { authorizationRequest, CookieJar, discover, follow, logInThroughOidc, startOidcService } from '../support/oidc-flow.js';
import { freePort } from '../support/free-port.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import type { TestService } from '../support/test-service.js';

await describeWithRedis('two OpenID provider instances sharing one Redis (and one store)', (redis) => {
  let mongo: TestMongo;
  let first: TestService;
  let second: TestService;
  let issuer: string;
  let turn = 0;

  /** Sends each request to the other instance than the last: a load balancer at its most unhelpful. */
  function alternate(url: URL): URL {
    turn += 1;
    const target = new URL(turn % 2 === 0 ? first.baseUrl : second.baseUrl);
    const moved = new URL(url);
    if (moved.host === new URL(first.baseUrl).host) moved.host = target.host;
    return moved;
  }
  const alternatingFetch: client.CustomFetch = (url, { body, ...options }) =>
    fetch(alternate(new URL(url)), {
      ...options,
      body: body instanceof Uint8Array ? new Uint8Array(body) : (body as BodyInit | null | undefined),
    });

  beforeAll(async () => {
    mongo = await mongoForTests();
    // Both name the first one's address as PUBLIC_URL, as two instances behind one address do.
    const port = await freePort();
    const env = {
      CACHE: 'redis',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: uniqueKeyPrefix(),
      STORE: 'mongo',
      MONGO_URL: mongo.url,
      SIGNET_MASTER_KEY: 'cd'.repeat(32),
      SIGNET_DEMO: '1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    };
    first = await startOidcService(env, port);
    second = await startOidcService(env, await freePort());
    issuer = `${first.baseUrl}/oidc`;
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await mongo.stop();
  });

  it('publishes the same signing keys (ES256 and RS256) from both, though both were asked for them at once', async () => {
    const [a, b] = await Promise.all(
      [first, second].map(async (service) => (await fetch(`${service.baseUrl}/oidc/jwks`)).json()),
    );
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      keys: [
        { alg: 'ES256', kty: 'EC' },
        { alg: 'RS256', kty: 'RSA' },
      ],
    });
  });

  it('runs the whole flow with every request on the other instance than the last', async () => {
    const config = await discover(issuer, { fetch: alternatingFetch });
    const jar = new CookieJar();
    const request = await authorizationRequest(config, { scope: 'openid profile offline_access' });
    const callback = await logInThroughOidc(jar, request.url, 'user2', '456', alternate);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    const { payload } = await jwtVerify(tokens.id_token ?? '', createRemoteJWKSet(new URL(`${second.baseUrl}/oidc/jwks`)), {
      issuer,
      audience: DEMO_OIDC_CLIENT.clientId,
    });
    expect(payload.nonce).toBe(request.nonce);
    expect(await client.fetchUserInfo(config, tokens.access_token, payload.sub ?? '')).toMatchObject({
      preferred_username: 'user2',
    });

    const firstRefresh = tokens.refresh_token ?? '';
    const refreshed = await client.refreshTokenGrant(config, firstRefresh);
    await expect(client.refreshTokenGrant(config, firstRefresh)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    // A second client of the same browser needs no password: the Signet session is shared too.
    const again = await authorizationRequest(config);
    const { url } = await follow(jar, again.url.href, alternate);
    expect(url.origin + url.pathname).toBe(DEMO_OIDC_CLIENT.redirectUris[1]);
    expect(url.searchParams.get('code')).toEqual(expect.any(String));

    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? '' });
    const html = await (await jar.fetch(alternate(end).href)).text();
    const form = /action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(html);
    const confirmed = await jar.post(alternate(new URL(form?.[1] ?? '')).href, { xsrf: form?.[2] ?? '', logout: 'yes' });
    expect(confirmed.status).toBe(303);
    for (const service of [first, second]) {
      expect(await (await jar.fetch(`${service.baseUrl}/`)).text()).not.toContain('logged in as');
    }
  });
});
