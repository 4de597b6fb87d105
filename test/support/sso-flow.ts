import { expect } from 'vitest';
import { DEMO_SSO_HOST } from '../../src/application/demo/demo-data.js';
import type { CookieJar } from './cookie-jar.js';
import { pythonClientUrl } from './v1-reference-clients.js';

/** An SSO client app's key pair. */
export interface SsoKey {
  apiKey: string;
  secretKey: string;
}

export const DEMO_SSO_KEY: SsoKey = { apiKey: DEMO_SSO_HOST.apiKey, secretKey: DEMO_SSO_HOST.secretKey };

/** Where dj-sso-client's example app asks to get the browser back: its auth view, with a query of its own. */
export const DEMO_NEXT = 'http://localhost:8000/sso/auth/?redirect=%2Fprofile%2F';

/** A signed GET of `path` with these query parameters, as dj-sso-client's APIClient sends it (protocol v1). */
export function signedGet(baseUrl: string, path: string, key: SsoKey, params: [string, string][] = []): Promise<Response> {
  return fetch(`${baseUrl}${pythonClientUrl(path, key.apiKey, key.secretKey, { params })}`);
}

/** Step 1: a fresh request token, by dj-sso-client's spelling of the URL. */
export async function requestToken(baseUrl: string, key: SsoKey = DEMO_SSO_KEY): Promise<string> {
  const response = await signedGet(baseUrl, '/sso/reqeusttoken/', key);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { request_token: string };
  return body.request_token;
}

/** Step 2's URL, where the client app sends the browser. */
export function loginUrl(baseUrl: string, requestToken: string, options: { apiKey?: string; next?: string } = {}): string {
  const query = new URLSearchParams({
    api_key: options.apiKey ?? DEMO_SSO_KEY.apiKey,
    request_token: requestToken,
    next: options.next ?? DEMO_NEXT,
  });
  return `${baseUrl}/sso/login/?${query.toString()}`;
}

/** Step 4: the client app trades the pair for the user. */
export function redeem(baseUrl: string, requestToken: string, authToken: string, key: SsoKey = DEMO_SSO_KEY): Promise<Response> {
  return signedGet(baseUrl, '/sso/authtoken/', key, [
    ['request_token', requestToken],
    ['auth_token', authToken],
  ]);
}

/** The CSRF token of the first form on a page. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no CSRF token on the page:\n${html}`);
  return match[1]!;
}

/** The tokens a completed login page sends the browser back with, and where to. */
export function tokensFrom(response: Response): { location: URL; requestToken: string; authToken: string } {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  return {
    location,
    requestToken: location.searchParams.get('request_token')!,
    authToken: location.searchParams.get('auth_token')!,
  };
}

/** Logs the jar into the provider itself through `/login/`. */
export async function logInToProvider(jar: CookieJar, baseUrl: string, username: string, password: string): Promise<Response> {
  const page = await jar.fetch(`${baseUrl}/login/`);
  const _csrf = csrfTokenOf(await page.text());
  return jar.post(`${baseUrl}/login/`, { _csrf, username, password });
}

/** Fills in the SSO login page shown at `url` and submits it. */
export async function logInOnSsoPage(jar: CookieJar, url: string, username: string, password: string): Promise<Response> {
  const page = await jar.fetch(url);
  expect(page.status).toBe(200);
  const _csrf = csrfTokenOf(await page.text());
  return jar.post(url, { _csrf, username, password });
}
