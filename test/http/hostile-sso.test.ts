import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SSO_HOST } from '../../src/application/demo/demo-data.js';
import { signV1 } from '../../src/domain/api-auth/signature-v1.js';
import { CookieJar } from '../support/cookie-jar.js';
import { assertClearAnswers, hostile, type HostileRequest } from '../support/hostile-input.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { csrfTokenOf, DEMO_NEXT, requestToken } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** A v1-signed GET by the demo SSO client app, with `query` ahead of the protocol's parameters, signed as sent. */
function ssoSigned(path: string, query: string): string {
  const target = `${path}?${query}${query ? '&' : ''}timestamp=${Date.now() / 1000}&apikey=${DEMO_SSO_HOST.apiKey}`;
  return `${target}&signature=${encodeURIComponent(signV1(DEMO_SSO_HOST.secretKey, target))}`;
}

const formHeaders = (cookie: string, address: string): [string, string][] => [
  ['Content-Type', 'application/x-www-form-urlencoded'],
  ['Cookie', cookie],
  // TRUST_PROXY is on: each request comes from an address of its own, so that the per-address
  // throttle does not answer every later one with 429 before the login code runs.
  ['X-Forwarded-For', address],
];

describe('the SSO handshake and the login pages under hostile input', () => {
  let service: TestService;
  const logger = new CapturingLogger();
  let token: string;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    service = await startTestService({ config: testConfig({ TRUST_PROXY: 'true' }), logger });
    token = await requestToken(service.baseUrl);
    const browser = new CookieJar();
    csrf = csrfTokenOf(await (await browser.fetch(`${service.baseUrl}/login/`)).text());
    cookie = browser.header();
  });
  afterAll(async () => {
    await service.close();
  });

  /** A hostile value, or now and then the real one, so that the checks behind the first one run too. */
  const value = (real: string) =>
    fc.oneof({ arbitrary: hostile.urlText(), weight: 3 }, { arbitrary: fc.constant(real), weight: 1 });
  const loginQuery = () =>
    fc
      .tuple(value(DEMO_SSO_HOST.apiKey), value(token), value(encodeURIComponent(DEMO_NEXT)), hostile.query(['cwca', 'next']))
      .map(([apiKey, requestToken, next, rest]) => `api_key=${apiKey}&request_token=${requestToken}&next=${next}&${rest}`);
  const loginForm = () =>
    fc
      .tuple(
        fc.oneof(fc.constant(csrf), hostile.text()),
        fc.oneof(fc.constantFrom('login', 'continue', 'switch'), hostile.text()),
        hostile.text(),
        hostile.text(),
        hostile.text(),
      )
      .map(([_csrf, action, username, password, user]) =>
        new URLSearchParams({ _csrf, action, username, password, user }).toString(),
      );

  it('answers the login page for any parameters with a page', async () => {
    await assertClearAnswers(
      service,
      logger,
      loginQuery().map((query) => ({ method: 'GET', target: `/sso/login/?${query}` })),
      { alsoExpect: (answer) => expect([200, 400, 403, 414]).toContain(answer.status) },
    );
  });

  it('answers any login, continue or switch posted to the login page with a page', async () => {
    await assertClearAnswers(
      service,
      logger,
      fc.tuple(loginQuery(), loginForm(), fc.ipV4()).map(([query, body, address]): HostileRequest => ({
        method: 'POST',
        target: `/sso/login/?${query}`,
        headers: formHeaders(cookie, address),
        body,
      })),
      { alsoExpect: (answer) => expect([200, 302, 303, 400, 401, 403, 429]).toContain(answer.status) },
    );
  });

  it('answers a signed request-token call with any other parameters with a token or a refusal', async () => {
    await assertClearAnswers(
      service,
      logger,
      hostile.query().map((query) => ({ method: 'GET', target: ssoSigned('/sso/requesttoken/', query) })),
      // 400: a target Node's parser refuses (a control character), before Signet sees it.
      { alsoExpect: (answer) => expect([200, 400, 403]).toContain(answer.status) },
    );
  });

  it('refuses a signed redemption of any token pair, in JSON', async () => {
    await assertClearAnswers(
      service,
      logger,
      fc.tuple(value(token), hostile.urlText(), hostile.query()).map(([requestTokenValue, authToken, rest]) => ({
        method: 'GET',
        target: ssoSigned('/sso/authtoken/', `request_token=${requestTokenValue}&auth_token=${authToken}&${rest}`),
      })),
      // 400: a target Node's parser refuses (a raw control or non-ASCII character), before Signet sees it.
      { alsoExpect: (answer) => expect([400, 403]).toContain(answer.status) },
    );
  });

  it("answers the provider's own login and logout pages for any form and any next", async () => {
    await assertClearAnswers(
      service,
      logger,
      fc.oneof(
        hostile.query(['next']).map((query): HostileRequest => ({ method: 'GET', target: `/login/?${query}` })),
        fc
          .tuple(hostile.query(['next']), hostile.form(['_csrf', 'username', 'password', 'next']), fc.ipV4(), fc.boolean())
          .map(([query, body, address, withCsrf]): HostileRequest => ({
            method: 'POST',
            target: `/login/?${query}`,
            headers: formHeaders(cookie, address),
            body: withCsrf ? `_csrf=${encodeURIComponent(csrf)}&${body}` : body,
          })),
        hostile.form(['_csrf']).map((body): HostileRequest => ({
          method: 'POST',
          target: '/logout/',
          headers: formHeaders(cookie, '10.0.0.1'),
          body,
        })),
      ),
      { alsoExpect: (answer) => expect([200, 303, 400, 401, 403, 429]).toContain(answer.status) },
    );
  });
});
