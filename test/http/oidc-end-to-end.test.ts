import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import { authorizationRequest, CookieJar, discover, logInThroughOidc, startOidcService } from '../support/oidc-flow.js';
import type { TestService } from '../support/test-service.js';

describe('an OpenID Connect relying party (openid-client) against Signet over HTTP', () => {
  let service: TestService;
  let issuer: string;

  beforeAll(async () => {
    service = await startOidcService();
    issuer = `${service.baseUrl}/oidc`;
  });
  afterAll(() => service.close());

  it('discovers, logs in with PKCE, verifies the ID token, reads userinfo, refreshes with rotation, and logs out', async () => {
    const config = await discover(issuer);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);

    const jar = new CookieJar();
    const request = await authorizationRequest(config, { scope: 'openid profile email groups offline_access' });
    const callback = await logInThroughOidc(jar, request.url, 'user1', '123');
    expect(callback.searchParams.get('iss')).toBe(issuer);
    expect(callback.searchParams.get('state')).toBe(request.state);

    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token ?? '', jwks, {
      issuer,
      audience: DEMO_OIDC_CLIENT.clientId,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.nonce).toBe(request.nonce);
    expect(payload.sub).toBe('2');

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, '2');
    expect(userinfo).toMatchObject({ sub: '2', preferred_username: 'user1', groups: expect.any(Array), is_staff: false });

    const firstRefresh = tokens.refresh_token ?? '';
    const refreshed = await client.refreshTokenGrant(config, firstRefresh);
    expect(refreshed.refresh_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(firstRefresh);

    // The old refresh token is refused, and its reuse revokes the grant: the new one goes too.
    await expect(client.refreshTokenGrant(config, firstRefresh)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    // RP-initiated logout ends the OpenID session and the Signet session.
    const end = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: 'http://127.0.0.1:8000/',
    });
    const question = await jar.fetch(end.href);
    expect(question.status).toBe(200);
    const html = await question.text();
    const action =
      /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(html);
    expect(action).not.toBeNull();
    const confirmed = await jar.post(action?.[1] ?? '', { xsrf: action?.[2] ?? '', logout: 'yes' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('http://127.0.0.1:8000/');
    const home = await (await jar.fetch(`${service.baseUrl}/`)).text();
    expect(home).not.toContain('logged in as');
  });
});
