import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import {
  authorizationRequest,
  CookieJar,
  DEMO_REDIRECT,
  discover,
  follow,
  logInThroughOidc,
  startOidcService,
} from '../support/oidc-flow.js';
import type { TestService } from '../support/test-service.js';

describe('what Signet refuses over OpenID Connect', () => {
  let service: TestService;
  let issuer: string;
  let config: client.Configuration;

  beforeAll(async () => {
    service = await startOidcService();
    issuer = `${service.baseUrl}/oidc`;
    config = await discover(issuer);
  });
  afterAll(() => service.close());

  /** Logs `username` in through the OpenID flow and exchanges the code. */
  async function tokensFor(username: string, password: string, scope = 'openid profile offline_access') {
    const request = await authorizationRequest(config, { scope });
    const callback = await logInThroughOidc(new CookieJar(), request.url, username, password);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    return { request, callback, tokens };
  }

  async function codeFor(username: string, password: string) {
    const request = await authorizationRequest(config, { scope: 'openid offline_access' });
    const callback = await logInThroughOidc(new CookieJar(), request.url, username, password);
    return { request, callback };
  }

  /** The token request of a code exchange, made by hand so that its status and body can be read. */
  function exchange(callback: URL, verifier: string, secret: string = DEMO_OIDC_CLIENT.secret): Promise<Response> {
    const basic = Buffer.from(`${DEMO_OIDC_CLIENT.clientId}:${secret}`).toString('base64');
    return fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: DEMO_REDIRECT,
        code_verifier: verifier,
      }),
    });
  }

  async function makeUser(username: string): Promise<void> {
    await service.runtime.cradle.createUser.execute({ username, password: 'a-long-password' });
  }

  it.each([
    ['not registered', 'http://127.0.0.1:9999/oidc/callback'],
    ['a registered one with more after it', `${DEMO_REDIRECT}/../../evil`],
    ['a prefix of a registered one', 'http://127.0.0.1:8000/oidc/callbac'],
    ['a registered one with a path appended', `${DEMO_REDIRECT}x`],
    ['a registered one in another case', DEMO_REDIRECT.replace('/oidc/', '/OIDC/')],
    ['a registered one with a query added', `${DEMO_REDIRECT}?next=/`],
  ])('refuses a redirect URI that is %s, on its own page and without redirecting', async (_label, redirectUri) => {
    const request = await authorizationRequest(config, { redirect_uri: redirectUri });
    const response = await new CookieJar().fetch(request.url.href);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('refuses an authorization request without a PKCE challenge', async () => {
    const request = await authorizationRequest(config);
    request.url.searchParams.delete('code_challenge');
    request.url.searchParams.delete('code_challenge_method');
    const { url } = await follow(new CookieJar(), request.url.href);
    expect(url.searchParams.get('error')).toBe('invalid_request');
    expect(url.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses a plain PKCE challenge', async () => {
    const request = await authorizationRequest(config);
    request.url.searchParams.set('code_challenge', 'a'.repeat(43));
    request.url.searchParams.set('code_challenge_method', 'plain');
    const { url } = await follow(new CookieJar(), request.url.href);
    expect(url.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a code exchanged with another verifier than its challenge', async () => {
    const { request, callback } = await codeFor('user1', '123');
    await expect(
      client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: request.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code used twice, and revokes the tokens its first use gave', async () => {
    const { request, callback, tokens } = await tokensFor('user1', '123');
    await expect(
      client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspected.active).toBe(false);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('leaves two concurrent exchanges of one code no live token: the second is a reuse, and revokes the grant', async () => {
    const { request, callback } = await codeFor('user2', '456');
    const outcomes = await Promise.allSettled(
      [1, 2].map(() =>
        client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state }),
      ),
    );
    const answered = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(answered.length).toBeLessThanOrEqual(1);
    for (const tokens of answered) expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('refuses a wrong client secret at the token endpoint', async () => {
    const { request, callback } = await codeFor('user1', '123');
    const refused = await exchange(callback, request.verifier, `${DEMO_OIDC_CLIENT.secret}x`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });
    // The code was not spent by the refused try.
    expect((await exchange(callback, request.verifier)).status).toBe(200);
  });

  it('refuses every request of a disabled client, and accepts it again once enabled', async () => {
    const store = service.runtime.cradle.oidcClientStore;
    const stored = await store.find(DEMO_OIDC_CLIENT.clientId);
    if (stored === null) throw new Error('the demo client is missing');
    const { request, callback } = await codeFor('user1', '123');
    await store.save({ ...stored, disabled: true });
    try {
      const refused = await new CookieJar().fetch((await authorizationRequest(config)).url.href);
      expect(refused.status).toBe(400);
      const exchanged = await exchange(callback, request.verifier);
      expect(exchanged.status).toBe(401);
      expect(await exchanged.json()).toMatchObject({ error: 'invalid_client' });
    } finally {
      await store.save(stored);
    }
    expect((await new CookieJar().fetch((await authorizationRequest(config)).url.href)).status).toBe(303);
  });

  it('gives a user deactivated after the login no token, and their refresh token nothing more', async () => {
    await makeUser('leaving1');
    const { tokens } = await tokensFor('leaving1', 'a-long-password');
    const { request, callback } = await codeFor('leaving1', 'a-long-password');
    await service.runtime.cradle.setUserFlags.execute({ username: 'leaving1', isActive: false }, null);

    await expect(
      client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const userinfo = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(401);
  });

  it('gives no refresh to a user whose password changed after the login, even once they are active again', async () => {
    await makeUser('changing1');
    const { tokens } = await tokensFor('changing1', 'a-long-password');
    await service.runtime.cradle.setUserPassword.execute('changing1', 'another-long-password');
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // A login with the new password works, and its refresh token does.
    const again = await tokensFor('changing1', 'another-long-password');
    await expect(client.refreshTokenGrant(config, again.tokens.refresh_token ?? '')).resolves.toMatchObject({
      access_token: expect.any(String),
    });
  });

  it('answers prompt=none without a session with login_required', async () => {
    const request = await authorizationRequest(config, { prompt: 'none' });
    const { url } = await follow(new CookieJar(), request.url.href);
    expect(url.origin + url.pathname).toBe(DEMO_REDIRECT);
    expect(url.searchParams.get('error')).toBe('login_required');
    expect(url.searchParams.get('state')).toBe(request.state);
    expect(url.searchParams.get('iss')).toBe(issuer);
  });

  it('refuses a wrong password on its login page with the same message and throttle as /login/', async () => {
    const request = await authorizationRequest(config);
    const jar = new CookieJar();
    const page = await follow(jar, request.url.href);
    const html = await page.response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const refused = await jar.post(page.url.href, { _csrf: csrf, action: 'login', username: 'user1', password: 'wrong' });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('Please enter a correct username and password');
    const forged = await jar.post(page.url.href, { _csrf: 'forged', action: 'login', username: 'user1', password: '123' });
    expect(forged.status).toBe(403);
  });
});
