import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { BackendUnavailableError } from '../../src/domain/backends/backend.errors.js';
import type { Cache } from '../../src/domain/backends/cache.port.js';
import { SystemClock } from '../../src/adapters/system/system-clock.js';
import { authorizationRequest, CookieJar, DEMO_REDIRECT, discover, logInThroughOidc } from '../support/oidc-flow.js';
import { freePort } from '../support/free-port.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** A memory cache that can be made to fail as a lost Redis does. */
function losableCache(): { cache: Cache; lose(): void; recover(): void } {
  const inner = new MemoryCache({ clock: new SystemClock() });
  let lost = false;
  const cache = new Proxy(inner, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (lost) return Promise.reject(new BackendUnavailableError('cache', 'lost in a test'));
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { cache, lose: () => (lost = true), recover: () => (lost = false) };
}

describe('the OpenID provider when the cache is lost', () => {
  let service: TestService;
  const backend = losableCache();

  beforeAll(async () => {
    const port = await freePort();
    service = await startTestService({
      config: testConfig({ PUBLIC_URL: `http://127.0.0.1:${port}` }),
      port,
      overrides: { cache: asValue(backend.cache) },
    });
  });
  afterAll(() => service.close());

  it('answers temporarily_unavailable (a 503 at the token endpoint), never a 500, and serves again once it is back', async () => {
    const config = await discover(`${service.baseUrl}/oidc`);
    const request = await authorizationRequest(config);
    const callback = await logInThroughOidc(new CookieJar(), request.url, 'user1', '123');
    const exchange = () =>
      fetch(`${service.baseUrl}/oidc/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${DEMO_OIDC_CLIENT.clientId}:${DEMO_OIDC_CLIENT.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: callback.searchParams.get('code') ?? '',
          redirect_uri: DEMO_REDIRECT,
          code_verifier: request.verifier,
        }),
      });

    backend.lose();
    try {
      const refused = await exchange();
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: 'temporarily_unavailable' });
      // The authorization endpoint tells the client, as OAuth has it: back to its redirect URI.
      const page = await new CookieJar().fetch((await authorizationRequest(config)).url.href);
      const location = new URL(page.headers.get('location') ?? '', service.baseUrl);
      expect(location.origin + location.pathname).toBe(DEMO_REDIRECT);
      expect(location.searchParams.get('error')).toBe('temporarily_unavailable');
    } finally {
      backend.recover();
    }
    expect((await exchange()).status).toBe(200);
  });
});
