import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import type { SsoClientOptions } from '../../src/sso-client.js';
import type { CookieJar } from './cookie-jar.js';
import { logInThroughOidc } from './oidc-flow.js';
import { startSsoClientApp, type TestSsoClientApp } from './sso-client-app.js';

/** Where the demo OpenID client's redirect URI names the app; the test app serves it on another port. */
export const DEMO_OIDC_APP_URL = new URL(DEMO_OIDC_CLIENT.redirectUris[1]).origin;

/** A test app (see startSsoClientApp) speaking OpenID Connect to `issuer` as the demo client `demo-oidc`. */
export function startOidcClientApp(issuer: string, options: SsoClientOptions = {}): Promise<TestSsoClientApp> {
  return startSsoClientApp(issuer, {
    protocol: 'oidc',
    clientId: DEMO_OIDC_CLIENT.clientId,
    clientSecret: DEMO_OIDC_CLIENT.secret,
    appUrl: DEMO_OIDC_APP_URL,
    ...options,
  });
}

/** "Log in" at the app: the authorization request the browser is sent to. */
export async function startOidcAppLogin(jar: CookieJar, app: TestSsoClientApp, next?: string): Promise<URL> {
  const query = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
  const response = await jar.fetch(`${app.baseUrl}/accounts/login/${query}`);
  if (response.status !== 302) throw new Error(`the app did not start a login (${response.status}): ${await response.text()}`);
  return new URL(response.headers.get('location') ?? '');
}

/** Logs in at Signet from `authorization`: the app's callback URL (on its real port) with the code. */
export async function oidcCallbackAfterLogin(
  jar: CookieJar,
  app: TestSsoClientApp,
  authorization: URL,
  username = 'user1',
  password = '123',
): Promise<string> {
  return app.local((await logInThroughOidc(jar, authorization, username, password)).href);
}
