import { expect } from 'vitest';
import * as client from 'openid-client';
import type { Clock } from '../../src/domain/shared/clock.port.js';
import { authorizationRequest, CookieJar, discover, logInThroughOidc } from './oidc-flow.js';
import { DEMO_NEXT, DEMO_SSO_KEY, logInOnSsoPage, loginUrl, tokensFrom, type SsoKey } from './sso-flow.js';
import { pythonClientUrl } from './v1-reference-clients.js';

/** The demo app's OpenID callback on the host of its dj-sso key: the same app for the migration meter. */
export const DEMO_APP_CALLBACK = 'http://localhost:8000/oidc/callback';

/** A v1-signed GET as dj-sso-client sends it, dated by `clock` (the system clock by default). */
function signedGet(baseUrl: string, path: string, params: [string, string][], clock?: Clock, key: SsoKey = DEMO_SSO_KEY) {
  const timestamp = clock ? String(clock.now() / 1000) : undefined;
  return fetch(`${baseUrl}${pythonClientUrl(path, key.apiKey, key.secretKey, { params, ...(timestamp ? { timestamp } : {}) })}`);
}

/**
 * A dj-sso login of `username` through the demo app's key, up to the auth token the browser brings
 * back; `redeem` then trades it for the user, as the app does (step 4).
 */
export async function ssoLoginUpToRedemption(
  baseUrl: string,
  username: string,
  password: string,
  clock?: Clock,
): Promise<{ redeem: () => Promise<Response> }> {
  const issued = await signedGet(baseUrl, '/sso/reqeusttoken/', [], clock);
  expect(issued.status).toBe(200);
  const { request_token: requestToken } = (await issued.json()) as { request_token: string };
  const done = await logInOnSsoPage(new CookieJar(), loginUrl(baseUrl, requestToken, { next: DEMO_NEXT }), username, password);
  const { authToken } = tokensFrom(done);
  return {
    redeem: () =>
      signedGet(
        baseUrl,
        '/sso/authtoken/',
        [
          ['request_token', requestToken],
          ['auth_token', authToken],
        ],
        clock,
      ),
  };
}

/** A whole dj-sso login that ends in the demo app: the app redeems the tokens and gets the user. */
export async function ssoLogin(baseUrl: string, username: string, password: string, clock?: Clock): Promise<void> {
  const { redeem } = await ssoLoginUpToRedemption(baseUrl, username, password, clock);
  expect((await redeem()).status).toBe(200);
}

/**
 * An OpenID login of `username` through the demo client, back to the demo app's callback on
 * localhost:8000, up to the code; `exchange` then redeems it at the token endpoint, as the app does.
 */
export async function oidcLoginUpToCode(
  issuer: string,
  username: string,
  password: string,
): Promise<{ exchange: () => Promise<client.TokenEndpointResponse> }> {
  const config = await discover(issuer);
  const request = await authorizationRequest(config, { redirect_uri: DEMO_APP_CALLBACK });
  const callback = await logInThroughOidc(new CookieJar(), request.url, username, password);
  expect(`${callback.origin}${callback.pathname}`).toBe(DEMO_APP_CALLBACK);
  return {
    exchange: () =>
      client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
      }),
  };
}
