import { CookieJar } from './cookie-jar.js';
import { logInToProvider } from './sso-flow.js';
import type { TestService } from './test-service.js';
import { pythonClientUrl } from './v1-reference-clients.js';

/** The reader's JSON routes, as entry points. */
export const READER_ENTRY_POINTS = [
  'GET /mongo/:db/:col/_find',
  'GET /mongo/:db/:col/_count',
  'GET /mongo/:db/:col/_status',
  'GET /mongo/:db/:col/_overview',
  'GET /mongo/:db/:col/_explain',
  'GET /mongo/:db/:col/exportcsv/',
  'GET /mongo/_collections',
] as const;

/** `/mongo/<db>/<col>/<command>?<parameters>`, as dj-mongo-reader's front end builds it. */
export function readerPath(
  command: string,
  parameters: Record<string, string> = {},
  db = 'db1',
  col = 'user_collection1',
): string {
  const query = new URLSearchParams(parameters).toString();
  return `/mongo/${encodeURIComponent(db)}/${encodeURIComponent(col)}/${command}${query ? `?${query}` : ''}`;
}

/** A browser logged in on the provider as `username`. */
export async function loggedIn(service: TestService, username: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const response = await logInToProvider(jar, service.baseUrl, username, password);
  if (response.status !== 303) throw new Error(`login as ${username} answered ${response.status}`);
  return jar;
}

/** A GET with this browser's cookies, answered as JSON. */
export async function readJson(
  jar: CookieJar,
  service: TestService,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await jar.fetch(`${service.baseUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A key acting for `username`, allowed the reader's entry points (or those given). */
export async function readerKey(
  service: TestService,
  username: string | null,
  entryPoints: readonly string[] = READER_ENTRY_POINTS,
) {
  return service.runtime.cradle.createApiKey.execute({ username, entryPoints, note: 'reader tests' });
}

/** The path and query of a v1-signed GET, as dj-api-auth's Python client signs it. */
export function signedReaderPath(
  key: { apiKey: string; secretKey: string },
  path: string,
  parameters: Record<string, string> = {},
): string {
  return pythonClientUrl(path, key.apiKey, key.secretKey, { params: Object.entries(parameters) });
}
