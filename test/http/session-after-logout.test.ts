import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import type { Cache } from '../../src/domain/backends/cache.port.js';
import { SESSION_TOUCH_RESOLUTION_SECONDS } from '../../src/domain/sessions/session.js';
import { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { csrfTokenOf, logInToProvider } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * A cache whose next read of a session answers only when the test lets it: what a slow network
 * round trip does to a request that reads a session while another request of the same browser
 * (or of a stolen copy of its cookie) logs out.
 */
class SessionReadHold {
  private armed = false;
  private release: (() => void) | undefined;
  private holding: (() => void) | undefined;
  /** Resolves once a session read is being held. */
  held: Promise<void> = Promise.resolve();

  wrap(cache: Cache): Cache {
    return new Proxy(cache, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'get' || typeof value !== 'function') return value;
        return async (key: string): Promise<string | null> => {
          const read = await target.get(key);
          if (this.armed && key.startsWith('session:')) {
            this.armed = false;
            this.holding?.();
            await new Promise<void>((resolve) => (this.release = resolve));
          }
          return read;
        };
      },
    });
  }

  arm(): void {
    this.armed = true;
    this.held = new Promise((resolve) => (this.holding = resolve));
  }

  letGo(): void {
    this.release?.();
  }
}

describe('a session read while the browser logs out', () => {
  const clock = new FixedClock();
  const hold = new SessionReadHold();
  let service: TestService;

  beforeAll(async () => {
    const cache = hold.wrap(new MemoryCache({ clock }));
    service = await startTestService({ clock, overrides: { cache: asValue(cache) } });
  });
  afterAll(() => service.close());

  it('is not written back after the logout: the session stays ended', async () => {
    const browser = new CookieJar();
    expect((await logInToProvider(browser, service.baseUrl, 'user1', '123')).status).toBe(303);
    const otherTab = browser.clone();
    const logoutPage = await otherTab.fetch(`${service.baseUrl}/logout/`);
    const _csrf = csrfTokenOf(await logoutPage.text());

    // The session is due for its last-seen time to be written back on the next request.
    clock.advance(SESSION_TOUCH_RESOLUTION_SECONDS + 1);
    hold.arm();
    const slowPage = browser.fetch(`${service.baseUrl}/`);
    await hold.held;
    expect((await otherTab.post(`${service.baseUrl}/logout/`, { _csrf })).status).toBe(303);
    hold.letGo();
    await (await slowPage).text();

    const later = await browser.clone().fetch(`${service.baseUrl}/`);
    expect(await later.text()).toContain('You are not logged in.');
  });
});
