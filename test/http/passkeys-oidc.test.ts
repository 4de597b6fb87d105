import * as client from 'openid-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACR_SECOND_FACTOR } from '../../src/domain/oidc/oidc-acr.js';
import { loggedIn } from '../support/admin-flow.js';
import { freePort } from '../support/free-port.js';
import { authorizationRequest, CookieJar, csrfOf, discover, follow, startOidcService } from '../support/oidc-flow.js';
import { passkeyOptions, registerPasskey } from '../support/passkey-flow.js';
import { SoftAuthenticator, type RequestOptions } from '../support/soft-authenticator.js';
import type { TestService } from '../support/test-service.js';

let service: TestService;
let origin: string;
beforeAll(async () => {
  const port = await freePort();
  // The issuer and the relying party on one name that is not an IP address, as passkeys need.
  origin = `http://localhost:${port}`;
  service = await startOidcService({ PUBLIC_URL: origin }, port);
});
afterAll(() => service.close());

it('signs in on the OpenID login page with a passkey, no username typed, and the app gets its tokens', async () => {
  const authenticator = new SoftAuthenticator(origin);
  expect(
    (await registerPasskey(await loggedIn(service.baseUrl, 'user1', '123'), service.baseUrl, authenticator)).response.status,
  ).toBe(303);

  const config = await discover(`${origin}/oidc`);
  const request = await authorizationRequest(config);
  const browser = new CookieJar();
  const page = await follow(browser, request.url.href);
  const html = await page.response.text();
  expect(html).toContain('Sign in with a passkey');
  const _csrf = csrfOf(html);
  const options = await passkeyOptions<RequestOptions>(browser, origin, 'sign-in', _csrf);
  const posted = await browser.post(page.url.href, { _csrf, action: 'passkey', passkey: authenticator.get(options) });
  expect(posted.status).toBe(303);
  const callback = (await follow(browser, new URL(posted.headers.get('location')!, page.url).href)).url;
  expect(callback.searchParams.get('code')).toBeTruthy();

  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
  });
  // A passkey is a factor stronger than a password: the app is told so.
  expect(tokens.claims()).toMatchObject({ amr: ['hwk'], acr: ACR_SECOND_FACTOR });
  const userInfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
  expect(userInfo.preferred_username).toBe('user1');
});

it('shows a refused passkey on the OpenID login page itself', async () => {
  const config = await discover(`${origin}/oidc`);
  const request = await authorizationRequest(config);
  const browser = new CookieJar();
  const page = await follow(browser, request.url.href);
  const _csrf = csrfOf(await page.response.text());
  const refused = await browser.post(page.url.href, { _csrf, action: 'passkey', passkey: '{}' });
  expect(refused.status).toBe(400);
  const html = await refused.text();
  expect(html).toContain('This passkey request has expired or was already used.');
  expect(html).toContain('Sign in with a passkey');
});
