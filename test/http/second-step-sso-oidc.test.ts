import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACR_PASSWORD, ACR_SECOND_FACTOR } from '../../src/domain/oidc/oidc-acr.js';
import { loggedIn } from '../support/admin-flow.js';
import { answerSecondStep, enrollFromAccount, totpCodeAt } from '../support/factor-flow.js';
import {
  authorizationRequest,
  CookieJar,
  csrfOf,
  discover,
  follow,
  logInThroughOidc,
  startOidcService,
} from '../support/oidc-flow.js';
import { csrfTokenOf, loginUrl, logInToProvider, redeem, requestToken, tokensFrom } from '../support/sso-flow.js';
import type { TestService } from '../support/test-service.js';

describe('the second step on the SSO login page and the OpenID login', () => {
  let service: TestService;
  let issuer: string;
  let secret = '';
  let recoveryCodes: string[] = [];
  /** A browser whose session began with user1's password alone, before they had a factor. */
  let passwordOnly = new CookieJar();

  beforeAll(async () => {
    service = await startOidcService();
    issuer = `${service.baseUrl}/oidc`;
  });
  afterAll(() => service.close());

  /** The user JSON the demo app gets for the login that sent the browser to `location`. */
  async function redeemed(token: string, response: Response): Promise<Record<string, unknown>> {
    const { authToken } = tokensFrom(response);
    const answer = await redeem(service.baseUrl, token, authToken);
    expect(answer.status).toBe(200);
    const body: { user: Record<string, unknown> } = await answer.json();
    return body.user;
  }

  it('asks for a code after the password on /sso/login/, binds nothing before it, and tells the app mfa: true', async () => {
    passwordOnly = await loggedIn(service.baseUrl, 'user1', '123');
    ({ secret, recoveryCodes } = await enrollFromAccount(passwordOnly, service.baseUrl, Date.now()));
    expect(recoveryCodes).toHaveLength(10);

    const token = await requestToken(service.baseUrl);
    const jar = new CookieJar();
    const page = await jar.fetch(loginUrl(service.baseUrl, token));
    const password = await jar.post(loginUrl(service.baseUrl, token), {
      _csrf: csrfTokenOf(await page.text()),
      username: 'user1',
      password: '123',
    });
    expect(password.status).toBe(200);
    const stepPage = await password.text();
    expect(stepPage).toContain('Second step');
    expect(jar.names()).not.toContain('signet_session');
    // Nothing is bound yet: the browser is not sent back with an auth token.
    expect(password.headers.get('location')).toBeNull();
    const token2 = await requestToken(service.baseUrl);
    const done = await answerSecondStep(jar, loginUrl(service.baseUrl, token), stepPage, totpCodeAt(secret, Date.now() + 30_000));
    expect(done.status).toBe(302);
    expect(await redeemed(token, done)).toMatchObject({ username: 'user1', mfa: true });

    // A half-login begun for one request token does not finish another's.
    const other = await jar.post(loginUrl(service.baseUrl, token2), {
      _csrf: csrfTokenOf(await (await jar.fetch(loginUrl(service.baseUrl, token2))).text()),
      username: 'user1',
      password: '123',
    });
    const otherStep = await other.text();
    const elsewhere = await requestToken(service.baseUrl);
    const crossed = await answerSecondStep(jar, loginUrl(service.baseUrl, elsewhere), otherStep, recoveryCodes[5] ?? '');
    expect(crossed.status).toBe(400);
  });

  it('asks a "continue as" whose session passed no second factor for one, and not one that did', async () => {
    const asked = await requestToken(service.baseUrl);
    const offered = await (await passwordOnly.fetch(loginUrl(service.baseUrl, asked))).text();
    expect(offered).toContain('Continue as user1');
    const stepPage = await passwordOnly.post(loginUrl(service.baseUrl, asked), {
      _csrf: csrfTokenOf(offered),
      action: 'continue',
      user: 'user1',
    });
    expect(stepPage.status).toBe(200);
    const stepHtml = await stepPage.text();
    expect(stepHtml).toContain('Second step');
    const passed = await answerSecondStep(passwordOnly, loginUrl(service.baseUrl, asked), stepHtml, recoveryCodes[2] ?? '');
    expect(passed.status).toBe(302);
    expect(await redeemed(asked, passed)).toMatchObject({ username: 'user1', mfa: true });
    // That browser's session passed the factor now: its next "continue as" is not asked again.
    const next = await requestToken(service.baseUrl);
    const nextPage = await (await passwordOnly.fetch(loginUrl(service.baseUrl, next))).text();
    const straight = await passwordOnly.post(loginUrl(service.baseUrl, next), {
      _csrf: csrfTokenOf(nextPage),
      action: 'continue',
      user: 'user1',
    });
    expect(straight.status).toBe(302);

    const withFactor = new CookieJar();
    const step = await logInToProvider(withFactor, service.baseUrl, 'user1', '123');
    const signedIn = await answerSecondStep(withFactor, `${service.baseUrl}/login/`, await step.text(), recoveryCodes[3] ?? '');
    expect(signedIn.status).toBe(303);

    const token = await requestToken(service.baseUrl);
    const page = await withFactor.fetch(loginUrl(service.baseUrl, token));
    const html = await page.text();
    expect(html).toContain('Continue as user1');
    const continued = await withFactor.post(loginUrl(service.baseUrl, token), {
      _csrf: csrfTokenOf(html),
      action: 'continue',
      user: 'user1',
    });
    expect(continued.status).toBe(302);
    expect(await redeemed(token, continued)).toMatchObject({ username: 'user1', mfa: true });
  });

  it('puts amr and acr in the ID token, asks for the code after the OpenID password, and a client may ask for a factor', async () => {
    const config = await discover(issuer);
    expect(config.serverMetadata().acr_values_supported).toEqual([ACR_PASSWORD, ACR_SECOND_FACTOR]);

    const jar = new CookieJar();
    const request = await authorizationRequest(config);
    const page = await follow(jar, request.url.href);
    const password = await jar.post(page.url.href, {
      _csrf: csrfOf(await page.response.text()),
      action: 'login',
      username: 'user1',
      password: '123',
    });
    expect(password.status).toBe(200);
    const stepPage = await password.text();
    expect(stepPage).toContain('Second step');
    const answered = await answerSecondStep(jar, page.url.href, stepPage, recoveryCodes[1] ?? '');
    expect(answered.status).toBe(303);
    const callback = (await follow(jar, new URL(answered.headers.get('location') ?? '', page.url).href)).url;
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    expect(tokens.claims()).toMatchObject({ amr: ['pwd', 'otp'], acr: ACR_SECOND_FACTOR });

    // user2 has no factor: a password alone, and the token says so.
    const plain = await authorizationRequest(config);
    const plainCallback = await logInThroughOidc(new CookieJar(), plain.url, 'user2', '456');
    const plainTokens = await client.authorizationCodeGrant(config, plainCallback, {
      pkceCodeVerifier: plain.verifier,
      expectedState: plain.state,
      expectedNonce: plain.nonce,
    });
    expect(plainTokens.claims()).toMatchObject({ amr: ['pwd'], acr: ACR_PASSWORD });

    // A client asking for a second factor gets user2 sent to enrol one, rather than a password-only login.
    const asking = await authorizationRequest(config, { acr_values: ACR_SECOND_FACTOR });
    const askingJar = new CookieJar();
    const askingPage = await follow(askingJar, asking.url.href);
    const enrol = await askingJar.post(askingPage.url.href, {
      _csrf: csrfOf(await askingPage.response.text()),
      action: 'login',
      username: 'user2',
      password: '456',
    });
    expect(enrol.status).toBe(200);
    expect(await enrol.text()).toContain('Set up a second factor');
  });
});
