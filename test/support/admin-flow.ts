import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import type { Clock } from '../../src/domain/shared/clock.port.js';
import type { SignetRouter } from '../../src/adapters/http/signet-context.js';
import { CookieJar } from './cookie-jar.js';
import { csrfTokenOf, logInToProvider } from './sso-flow.js';

/** A v2 client with the demo admin key (or another), as the command line's `--server` signs. */
export function adminClient(baseUrl: string, key = DEMO_ADMIN_KEY, clock?: Clock): SignetClient {
  return new SignetClient({
    baseUrl,
    apiKey: key.apiKey,
    secretKey: key.secretKey,
    protocol: 'v2',
    ...(clock ? { now: () => clock.now() } : {}),
  });
}

/** A JSON request of the admin API: the body sent as JSON, the answer parsed. */
export async function adminCall(
  client: SignetClient,
  method: string,
  path: string,
  body?: unknown,
  // A test reads the answer as it expects it to be; a wrong guess fails the test, which is the point.
  // oxlint-disable-next-line typescript/no-explicit-any
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await client.request(
    method,
    path,
    body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
  );
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
}

/** A browser logged in on the provider as `username`. */
export async function loggedIn(baseUrl: string, username = 'admin', password = '123'): Promise<CookieJar> {
  const jar = new CookieJar();
  const response = await logInToProvider(jar, baseUrl, username, password);
  if (response.status !== 303) throw new Error(`${username} could not log in: ${response.status}`);
  return jar;
}

/** Loads an admin page and posts its first form carrying `_csrf`, with these fields. */
export async function submitOn(
  jar: CookieJar,
  baseUrl: string,
  pagePath: string,
  action: string,
  fields: Record<string, string | string[]>,
): Promise<Response> {
  const page = await jar.fetch(`${baseUrl}${pagePath}`);
  const _csrf = csrfTokenOf(await page.text());
  return postForm(jar, `${baseUrl}${action}`, { _csrf, ...fields });
}

/** POSTs a urlencoded form whose fields may repeat (checkboxes). */
export function postForm(jar: CookieJar, url: string, fields: Record<string, string | string[]>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  }
  return jar.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
}

/** Every route of the admin site (not its API), by method and path, path parameters filled in. */
export function adminSiteRoutes(
  routers: readonly SignetRouter[],
  parameters: Record<string, string>,
): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  for (const router of routers) {
    for (const layer of router.stack) {
      const pattern = String(layer.path);
      if (!pattern.startsWith('/admin/') || pattern.startsWith('/admin/api/')) continue;
      const path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(parameters[name] ?? 'x'));
      for (const method of layer.methods) if (method !== 'HEAD') routes.push({ method, path });
    }
  }
  return routes;
}

/** The SEC key shown on an admin page, if any. */
export function shownSecret(html: string): string | null {
  return /<code id="sec-key">([^<]+)<\/code>/.exec(html)?.[1] ?? null;
}
