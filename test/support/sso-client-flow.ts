import { expect } from 'vitest';
import type { CookieJar } from './cookie-jar.js';
import { logInOnSsoPage } from './sso-flow.js';
import type { RunningApp } from './sso-client-app.js';

/** "Log in" at the app: answers the provider's login page the browser is sent to. */
export async function startAppLogin(jar: CookieJar, app: RunningApp, next?: string): Promise<string> {
  const query = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
  const response = await jar.fetch(`${app.baseUrl}/accounts/login/${query}`);
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

/** Logs in on the provider's page: answers the app's callback URL (on the app's real port) with the tokens. */
export async function callbackAfterLogin(
  jar: CookieJar,
  app: RunningApp,
  loginPage: string,
  username = 'user1',
  password = '123',
): Promise<string> {
  const done = await logInOnSsoPage(jar, loginPage, username, password);
  expect(done.status).toBe(302);
  return app.local(done.headers.get('location')!);
}

/** The whole login at the app as a browser goes through it; answers the callback's response. */
export async function logInAtApp(
  jar: CookieJar,
  app: RunningApp,
  options: { next?: string; username?: string; password?: string } = {},
): Promise<Response> {
  const page = await startAppLogin(jar, app, options.next);
  const callback = await callbackAfterLogin(jar, app, page, options.username, options.password);
  return jar.fetch(callback);
}

/** Who the app says is logged in, and the token its logout form would carry. */
export async function appHome(
  jar: CookieJar,
  app: RunningApp,
): Promise<{ user: Record<string, unknown> | null; csrfToken: string | null }> {
  const response = await jar.fetch(`${app.baseUrl}/`);
  expect(response.status).toBe(200);
  return (await response.json()) as { user: Record<string, unknown> | null; csrfToken: string | null };
}
