import * as client from 'openid-client';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import type { Config } from '../../src/config/config.schema.js';
import { CookieJar } from './cookie-jar.js';
import { freePort } from './free-port.js';
import { testConfig } from './test-config.js';
import { startTestService, type TestService } from './test-service.js';

export const DEMO_REDIRECT = DEMO_OIDC_CLIENT.redirectUris[1];

/** Signet on a port its PUBLIC_URL names, so that the issuer in its tokens is the address the test calls. */
export async function startOidcService(env: Record<string, string> = {}, port?: number): Promise<TestService> {
  const chosen = port ?? (await freePort());
  const config: Config = testConfig({ PUBLIC_URL: `http://127.0.0.1:${chosen}`, ...env });
  return startTestService({ config, port: chosen });
}

/** The relying party's view of Signet: discovery as openid-client does it, with the demo client's secret. */
export async function discover(
  issuer: string,
  options: { clientId?: string; secret?: string; fetch?: client.CustomFetch } = {},
): Promise<client.Configuration> {
  const { clientId = DEMO_OIDC_CLIENT.clientId, secret = DEMO_OIDC_CLIENT.secret } = options;
  // Signet listens on plain HTTP in tests: openid-client must be told that this is on purpose.
  const insecure = client.allowInsecureRequests;
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(secret), {
    execute: [insecure],
    ...(options.fetch ? { [client.customFetch]: options.fetch } : {}),
  });
  if (options.fetch) config[client.customFetch] = options.fetch;
  return config;
}

export interface AuthorizationRequest {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

/** An authorization request with PKCE (S256), state and nonce, as a careful relying party makes it. */
export async function authorizationRequest(
  config: client.Configuration,
  extra: Record<string, string> = {},
): Promise<AuthorizationRequest> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: DEMO_REDIRECT,
    scope: 'openid profile email groups',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

/** The value of the `_csrf` field of the first form of a page. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error(`no _csrf field in the page:\n${html.slice(0, 500)}`);
  return token;
}

/**
 * Follows redirects with the browser's cookies, from `start`, until one leaves the provider (or a
 * page is answered); `rebase` may send each request to another instance.
 */
export async function follow(
  jar: CookieJar,
  start: string,
  rebase: (url: URL) => URL = (url) => url,
): Promise<{ response: Response; url: URL }> {
  let url = rebase(new URL(start));
  for (let hops = 0; hops < 10; hops += 1) {
    const response = await jar.fetch(url.href);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return { response, url };
    const next = new URL(location, url);
    if (next.pathname.startsWith('/oidc/callback')) return { response, url: next };
    url = rebase(next);
  }
  throw new Error('too many redirects');
}

/** From the authorization URL to the callback, logging in with a password on Signet's page. */
export async function logInThroughOidc(
  jar: CookieJar,
  authorizationUrl: URL,
  username: string,
  password: string,
  rebase?: (url: URL) => URL,
): Promise<URL> {
  const page = await follow(jar, authorizationUrl.href, rebase);
  if (page.url.pathname.startsWith('/oidc/callback')) return page.url;
  const html = await page.response.text();
  const posted = await jar.post(page.url.href, { _csrf: csrfOf(html), action: 'login', username, password });
  const location = posted.headers.get('location');
  if (posted.status !== 303 || location === null) throw new Error(`login refused (${posted.status}): ${await posted.text()}`);
  return (await follow(jar, new URL(location, page.url).href, rebase)).url;
}

export { CookieJar };
