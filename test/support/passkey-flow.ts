import { expect } from 'vitest';
import type { CookieJar } from './cookie-jar.js';
import type { CreationOptions, RequestOptions, SoftAuthenticator } from './soft-authenticator.js';
import { csrfTokenOf } from './sso-flow.js';

/** A page's CSRF token, read from the page at `url` as the browser got it. */
export async function csrfOn(jar: CookieJar, url: string): Promise<string> {
  const page = await jar.fetch(url);
  expect(page.status).toBe(200);
  return csrfTokenOf(await page.text());
}

/** What the browser script asks for before a ceremony: the options, JSON. */
export async function passkeyOptions<Options>(
  jar: CookieJar,
  baseUrl: string,
  kind: 'register' | 'sign-in',
  _csrf: string,
): Promise<Options> {
  const response = await jar.post(`${baseUrl}/passkeys/${kind}/options/`, { _csrf });
  expect(response.status).toBe(200);
  const body: { options: Options } = await response.json();
  return body.options;
}

/** Registers a passkey on the account's passkeys page as the browser script does; the answer to the last POST. */
export async function registerPasskey(
  jar: CookieJar,
  baseUrl: string,
  authenticator: SoftAuthenticator,
  name = 'Laptop',
): Promise<{ id: string; response: Response }> {
  const _csrf = await csrfOn(jar, `${baseUrl}/account/passkeys/`);
  const options = await passkeyOptions<CreationOptions>(jar, baseUrl, 'register', _csrf);
  const made = authenticator.create(options);
  const response = await jar.post(`${baseUrl}/account/passkeys/`, { _csrf, name, passkey: made.response });
  return { id: made.id, response };
}

/** Gets a sign-in challenge on the login page at `pageUrl`, and the CSRF token to post the answer with. */
export async function signInChallenge(
  jar: CookieJar,
  baseUrl: string,
  pageUrl: string,
): Promise<{ options: RequestOptions; _csrf: string }> {
  const _csrf = await csrfOn(jar, pageUrl);
  return { options: await passkeyOptions<RequestOptions>(jar, baseUrl, 'sign-in', _csrf), _csrf };
}

/** Signs in with the authenticator's passkey on the login page at `pageUrl`, no username typed. */
export async function signInWithPasskey(
  jar: CookieJar,
  baseUrl: string,
  authenticator: SoftAuthenticator,
  pageUrl = `${baseUrl}/login/`,
): Promise<Response> {
  const { options, _csrf } = await signInChallenge(jar, baseUrl, pageUrl);
  return jar.post(pageUrl, { _csrf, action: 'passkey', passkey: authenticator.get(options) });
}
