import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFactorStore } from '../../src/adapters/memory/memory-factor-store.js';
import { BackendUnavailableError } from '../../src/domain/backends/backend.errors.js';
import type { FactorStore } from '../../src/domain/factors/factor-store.port.js';
import { loggedIn } from '../support/admin-flow.js';
import { CookieJar } from '../support/cookie-jar.js';
import { answerSecondStep, enrollFromAccount, totpCodeAt } from '../support/factor-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { logInToProvider } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** A factor store that can be lost: every call then fails as a guarded backend's does. */
function losableStore(): { store: FactorStore; lose(): void; regain(): void } {
  const inner = new MemoryFactorStore();
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

describe('the store lost during the second step', () => {
  let service: TestService;
  const clock = new FixedClock();
  const factors = losableStore();

  beforeAll(async () => {
    service = await startTestService({ clock, overrides: { factorStore: asValue(factors.store) } });
  });
  afterAll(() => service.close());

  it('answers 503 with Retry-After and grants nothing; once the store is back, a login asks the password again, then the code', async () => {
    const browser = await loggedIn(service.baseUrl, 'user1', '123');
    const { secret } = await enrollFromAccount(browser, service.baseUrl, clock.now());
    clock.advance(30);
    const jar = new CookieJar();
    const step = await logInToProvider(jar, service.baseUrl, 'user1', '123');
    const stepPage = await step.text();
    factors.lose();
    const lost = await answerSecondStep(jar, `${service.baseUrl}/login/`, stepPage, totpCodeAt(secret, clock.now()));
    expect(lost.status).toBe(503);
    expect(lost.headers.get('retry-after')).toBe('5');
    expect(jar.names()).not.toContain('signet_session');
    expect(await lost.text()).not.toContain(secret);
    factors.regain();
    // Taken by the try the store failed: the password is asked again, and then the code works.
    const again = await logInToProvider(jar, service.baseUrl, 'user1', '123');
    clock.advance(30);
    const done = await answerSecondStep(jar, `${service.baseUrl}/login/`, await again.text(), totpCodeAt(secret, clock.now()));
    expect(done.status).toBe(303);
  });
});
