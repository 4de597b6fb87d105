import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryPasskeyStore } from '../../src/adapters/memory/memory-passkey-store.js';
import { BackendUnavailableError } from '../../src/domain/backends/backend.errors.js';
import type { PasskeyStore } from '../../src/domain/passkeys/passkey-store.port.js';
import { loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { registerPasskey, signInChallenge, signInWithPasskey } from '../support/passkey-flow.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const ORIGIN = 'http://localhost:3000';

/** A passkey store that can be lost: every call then fails as a guarded backend's does. */
function losableStore(): { store: PasskeyStore; lose(): void; regain(): void } {
  const inner = new MemoryPasskeyStore();
  let lost = false;
  const guarded = new Proxy(inner, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (lost) return Promise.reject(new BackendUnavailableError('store', 'lost in a test'));
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { store: guarded, lose: () => (lost = true), regain: () => (lost = false) };
}

describe('the store lost during a passkey sign-in', () => {
  let service: TestService;
  const passkeys = losableStore();

  beforeAll(async () => {
    service = await startTestService({
      config: testConfig({ PUBLIC_URL: ORIGIN }),
      overrides: { passkeyStore: asValue(passkeys.store) },
    });
  });
  afterAll(() => service.close());

  it('answers 503 with Retry-After and logs no one in; once the store is back, a new challenge signs in', async () => {
    const authenticator = new SoftAuthenticator(ORIGIN);
    expect(
      (await registerPasskey(await loggedIn(service.baseUrl, 'user1', '123'), service.baseUrl, authenticator)).response.status,
    ).toBe(303);
    const browser = new CookieJar();
    const { options, _csrf } = await signInChallenge(browser, service.baseUrl, `${service.baseUrl}/login/`);
    passkeys.lose();
    const lost = await browser.post(`${service.baseUrl}/login/`, {
      _csrf,
      action: 'passkey',
      passkey: authenticator.get(options),
    });
    expect(lost.status).toBe(503);
    expect(lost.headers.get('retry-after')).toBe('5');
    expect(browser.names()).not.toContain('signet_session');
    passkeys.regain();
    expect((await signInWithPasskey(browser, service.baseUrl, authenticator)).status).toBe(303);
    expect(browser.names()).toContain('signet_session');
  });
});
