import { loggedIn } from './admin-flow.js';
import type { CookieJar } from './cookie-jar.js';
import { startTestService, type TestService, type TestServiceOptions } from './test-service.js';

/** A service, and a browser logged in to it as the demo admin. */
export interface AdminSession {
  service: TestService;
  /** The admin's cookies, for the admin site's pages and forms. */
  jar: CookieJar;
}

/**
 * Starts a service (as startTestService does, with these options) and logs a browser in to it as
 * the demo admin: what a suite of the admin site needs before its first test.
 *
 *   beforeAll(async () => ({ service, jar } = await startWithAdminSession()));
 */
export async function startWithAdminSession(options: TestServiceOptions = {}): Promise<AdminSession> {
  const service = await startTestService(options);
  try {
    return { service, jar: await loggedIn(service.baseUrl) };
  } catch (error) {
    await service.close();
    throw error;
  }
}
