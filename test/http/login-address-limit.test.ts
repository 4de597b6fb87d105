import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { CookieJar } from '../support/cookie-jar.js';
import { describeWithRedis, uniqueKeyPrefix } from '../support/redis-server.js';
import { csrfTokenOf } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const ATTACKER = '203.0.113.7';
const VICTIM = '198.51.100.1';

/**
 * One address may try 100 logins in a window, and a username may be tried 10 times: so one address
 * can lock out about 10 accounts (100 / 10). A try refused because its address is over the limit
 * never reaches the password check, so it must not count against the username either; otherwise
 * one address, past its own limit, locks out every account it names, at the cost of a cache
 * increment each. And the limit must hold for whoever holds many addresses at no cost: an IPv6
 * /64 is one customer's, so its addresses count as one.
 */
function addressLimitSuite(name: string, env: () => Record<string, string>): void {
  describe(name, () => {
    let service: TestService;
    beforeAll(async () => {
      service = await startTestService({ config: testConfig({ TRUST_PROXY: 'true', ...env() }) });
    });
    afterAll(() => service.close());

    async function attempt(username: string, password: string, address: string): Promise<number> {
      const jar = new CookieJar();
      const headers = { 'x-forwarded-for': address };
      const page = await jar.fetch(`${service.baseUrl}/login/`, { headers });
      const _csrf = csrfTokenOf(await page.text());
      return (await jar.post(`${service.baseUrl}/login/`, { _csrf, username, password }, { headers })).status;
    }

    it('an address over its own limit cannot lock out an account: its refused tries do not count against the username', async () => {
      // Five at a time, within the hasher's queue (PASSWORD_HASH_QUEUE, 8 by default).
      for (let batch = 0; batch < 20; batch += 1) {
        const statuses = await Promise.all(Array.from({ length: 5 }, (_, i) => attempt(`nobody${batch * 5 + i}`, 'x', ATTACKER)));
        expect(statuses).toEqual([401, 401, 401, 401, 401]);
      }
      // The address has used its 100 tries: everything it sends now is refused before any check.
      for (let i = 0; i < 10; i += 1) expect(await attempt('user2', 'wrong', ATTACKER)).toBe(429);

      expect(await attempt('user2', '456', VICTIM)).toBe(303);
    });

    it('counts the addresses of one IPv6 /64 as one: whoever holds one holds them all', async () => {
      // An ISP or a cloud host hands a customer a whole /64; a new address in it costs nothing.
      const inOneNetwork = (index: number) => `2001:db8:0:7::${(index + 1).toString(16)}`;
      for (let batch = 0; batch < 20; batch += 1) {
        const statuses = await Promise.all(
          Array.from({ length: 5 }, (_, i) => attempt(`spray${batch * 5 + i}`, 'x', inOneNetwork(batch * 5 + i))),
        );
        expect(statuses).toEqual([401, 401, 401, 401, 401]);
      }
      expect(await attempt('spray-next', 'x', inOneNetwork(500))).toBe(429);
    });
  });
}

describe('the address limit of logins', () => {
  addressLimitSuite('on a memory cache', () => ({}));

  it('lets an address over its limit add nothing to the cache, whatever usernames it sends', async () => {
    const service = await startTestService({ config: testConfig({ TRUST_PROXY: 'true' }) });
    try {
      const { cache } = service.runtime.cradle;
      if (!(cache instanceof MemoryCache)) throw new Error('this test reads the memory cache');
      const headers = { 'x-forwarded-for': ATTACKER };
      const jar = new CookieJar();
      const _csrf = csrfTokenOf(await (await jar.fetch(`${service.baseUrl}/login/`, { headers })).text());
      const post = (username: string) =>
        jar
          .post(`${service.baseUrl}/login/`, { _csrf, username, password: 'x' }, { headers })
          .then((response) => response.status);
      for (let batch = 0; batch < 21; batch += 1) {
        await Promise.all(Array.from({ length: 5 }, (_, i) => post(`filler${batch * 5 + i}`)));
      }
      const before = cache.size;
      // One form, posted again and again with a new username each time: each refused at once.
      for (let i = 0; i < 200; i += 1) expect(await post(`new-name-${i}`)).toBe(429);
      expect(cache.size).toBe(before);
    } finally {
      await service.close();
    }
  });
});

await describeWithRedis('the address limit of logins on Redis', (redis) => {
  addressLimitSuite('on Redis', () => ({ CACHE: 'redis', REDIS_URL: redis.url, REDIS_KEY_PREFIX: uniqueKeyPrefix() }));
});

describe('an address a proxy writes with its port', () => {
  it('counts as the address without the port, since the port changes with every connection', async () => {
    const service = await startTestService({ config: testConfig({ TRUST_PROXY: 'true' }) });
    try {
      const attempt = async (forwardedFor: string, username: string, password: string): Promise<number> => {
        const jar = new CookieJar();
        const headers = { 'x-forwarded-for': forwardedFor };
        const page = await jar.fetch(`${service.baseUrl}/login/`, { headers });
        const _csrf = csrfTokenOf(await page.text());
        return (await jar.post(`${service.baseUrl}/login/`, { _csrf, username, password }, { headers })).status;
      };
      for (let i = 0; i < 100; i += 1) await attempt(`203.0.113.9:${40000 + i}`, `nobody${i}`, 'x');
      expect(await attempt('203.0.113.9:51000', 'user1', '123')).toBe(429);
      expect(await attempt('[2001:db8::9]:443', 'user1', '123')).toBe(303);
    } finally {
      await service.close();
    }
  });
});
