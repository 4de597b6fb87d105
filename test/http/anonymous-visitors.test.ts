import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { CookieJar } from '../support/cookie-jar.js';
import { rawGet } from '../support/raw-http.js';
import { DEMO_SSO_KEY, loginUrl, requestToken } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('visitors who have not logged in', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  function cacheSize(): number {
    const { cache } = service.runtime.cradle;
    if (!(cache instanceof MemoryCache)) throw new Error('this test reads the memory cache');
    return cache.size;
  }

  it('cost no server-side state: 1,000 page views leave the cache as it was', async () => {
    const ssoLogin = loginUrl(service.baseUrl, await requestToken(service.baseUrl));
    const before = cacheSize();
    const pages = [`${service.baseUrl}/`, `${service.baseUrl}/login/`, `${service.baseUrl}/logout/`, ssoLogin];
    for (let batch = 0; batch < 10; batch += 1) {
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          fetch(pages[(batch * 100 + i) % pages.length]!).then((response) => response.status),
        ),
      );
      expect(new Set(responses)).toEqual(new Set([200]));
    }
    expect(cacheSize()).toBe(before);
  });

  it('can still log in with the form they were shown: its CSRF token is bound to their cookie, not to a session', async () => {
    const jar = new CookieJar();
    const page = await jar.fetch(`${service.baseUrl}/login/`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const stranger = new CookieJar();
    expect((await stranger.post(`${service.baseUrl}/login/`, { _csrf: token, username: 'user1', password: '123' })).status).toBe(
      403,
    );
    expect((await jar.post(`${service.baseUrl}/login/`, { _csrf: token, username: 'user1', password: '123' })).status).toBe(303);
  });
});

describe('a login page asked for with an absolute-form target', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('posts its forms to the path and query only, never to the host the target named', async () => {
    const url = new URL(loginUrl(service.baseUrl, await requestToken(service.baseUrl)));
    const answer = await rawGet(service.baseUrl, `http://evil.example${url.pathname}${url.search}`);
    expect(answer.status).toBe(200);
    const action = /<form method="post" action="([^"]*)"/.exec(answer.body)?.[1]?.replaceAll('&amp;', '&');
    expect(action).toBe(`${url.pathname}${url.search}`);
    expect(answer.body).not.toContain('evil.example');
    expect(url.searchParams.get('api_key')).toBe(DEMO_SSO_KEY.apiKey);
  });
});
