import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import type { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient, loggedIn } from '../support/admin-flow.js';
import { runCliCapturing } from '../support/cli-runner.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const pageAnswer = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  total: z.number(),
  next: z.string().nullable(),
});

/** The `field` of each item of a list's answer, its total and its next cursor. */
function pageOf(body: unknown, field: string): { names: string[]; total: number; next: string | null } {
  const page = pageAnswer.parse(body);
  return { names: page.items.map((item) => String(item[field])), total: page.total, next: page.next };
}

const CLI_ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent' };
const COUNT = 120;
/** Every seventh item's note or email carries this word, letter case mixed. */
const WORD = 'Quarterly';

/** Follows `next` from the first page to the last, adding items with `between` after each page but the last. */
async function walk(
  firstPage: (cursor: string | null) => Promise<{ names: string[]; next: string | null; total?: number }>,
  between: (page: number) => Promise<void> = async () => {},
): Promise<{ names: string[]; pages: number; totals: number[] }> {
  const names: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  for (let page = 1; page < 100; page += 1) {
    const found = await firstPage(cursor);
    names.push(...found.names);
    if (found.total !== undefined) totals.push(found.total);
    if (found.next === null) return { names, pages: page, totals };
    cursor = found.next;
    await between(page);
  }
  throw new Error('the pages never ended');
}

function expectEachOnce(seen: readonly string[], expected: readonly string[]): void {
  expect(new Set(seen).size).toBe(seen.length);
  for (const name of expected) expect(seen).toContain(name);
}

describe('admin lists of 120 items page and search on the site, the API and the command line', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;
  let browser: CookieJar;
  let keys: string[];
  let quarterlyKeys: string[];
  let added = 0;

  const addKey = async (note: string): Promise<string> => {
    clock.advance(1);
    const created = await adminCall(admin, 'POST', '/admin/api/keys', { note });
    expect(created.status).toBe(201);
    return String(created.body.apiKey);
  };
  const addKeysBetweenPages = async () => {
    added += 1;
    await addKey(`added between pages ${added}`);
  };

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
    const before = pageOf((await adminCall(admin, 'GET', '/admin/api/keys?limit=500')).body, 'apiKey').names;
    keys = [...before];
    quarterlyKeys = [];
    for (let n = 1; n <= COUNT; n += 1) {
      const quarterly = n % 7 === 0;
      const apiKey = await addKey(quarterly ? `${n % 2 ? 'quarterly' : 'QUARTERLY'} report ${n}` : `key ${n}`);
      keys.push(apiKey);
      if (quarterly) quarterlyKeys.push(apiKey);
    }
    browser = await loggedIn(service.baseUrl);
  }, 120_000);
  afterAll(() => service.close());

  describe('the admin API', () => {
    const apiPage = (query: string) => async (cursor: string | null) => {
      const answer = await adminCall(
        admin,
        'GET',
        `/admin/api/keys?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(answer.status).toBe(200);
      return pageOf(answer.body, 'apiKey');
    };

    it('gives every key once across pages of 50, oldest first, with the total on each page', async () => {
      const { names, pages, totals } = await walk(apiPage('limit=50'));
      expect(names).toEqual(keys);
      expect(pages).toBe(Math.ceil(keys.length / 50));
      expect(new Set(totals)).toEqual(new Set([keys.length]));
    });

    it('gives every key once while keys are added between pages', async () => {
      const { names } = await walk(apiPage('limit=50'), addKeysBetweenPages);
      expectEachOnce(names, keys);
    });

    it('searches the notes, letter case aside, and pages over what matched', async () => {
      const { names, totals } = await walk(apiPage(`limit=5&q=${WORD}`));
      expect(names).toEqual(quarterlyKeys);
      expect(new Set(totals)).toEqual(new Set([quarterlyKeys.length]));
      const one = keys[60] ?? '';
      expect((await apiPage(`q=${one.toUpperCase()}`)(null)).names).toEqual([one]);
    });

    it('refuses a limit out of range and a cursor that ends no page, saying which', async () => {
      expect(await adminCall(admin, 'GET', '/admin/api/keys?limit=0')).toMatchObject({
        status: 400,
        body: { error: 'limit: is a whole number from 1 to 500' },
      });
      expect(await adminCall(admin, 'GET', '/admin/api/keys?cursor=nothing')).toMatchObject({
        status: 400,
        body: { error: 'cursor: is not the end of a page of this list (start again without it)' },
      });
    });

    it('pages and searches the users and the SSO hosts the same way', async () => {
      const usernames: string[] = [];
      for (let n = 1; n <= COUNT; n += 1) {
        const username = `person-${String(n).padStart(3, '0')}`;
        const email = n % 7 === 0 ? `${username}@${WORD}.example` : `${username}@example.com`;
        expect(
          (await adminCall(admin, 'POST', '/admin/api/users', { username, password: 'a long password', email })).status,
        ).toBe(201);
        usernames.push(username);
      }
      const userPage = (query: string) => async (cursor: string | null) => {
        const answer = await adminCall(
          admin,
          'GET',
          `/admin/api/users?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        return pageOf(answer.body, 'username');
      };
      let extra = 0;
      const users = await walk(userPage('limit=50'), async () => {
        extra += 1;
        await adminCall(admin, 'POST', '/admin/api/users', { username: `person-000-${extra}`, password: 'a long password' });
        await adminCall(admin, 'POST', '/admin/api/users', { username: `person-100-${extra}`, password: 'a long password' });
      });
      expectEachOnce(users.names, usernames);
      expect((await walk(userPage(`limit=4&q=${WORD.toLowerCase()}`))).names).toEqual(
        usernames.filter((_, i) => (i + 1) % 7 === 0),
      );

      for (let n = 1; n <= COUNT; n += 1) {
        expect((await adminCall(admin, 'POST', '/admin/api/sso-hosts', { host: `app-${n}.example.com` })).status).toBe(201);
      }
      const hostPage = async (cursor: string | null) => {
        const answer = await adminCall(
          admin,
          'GET',
          `/admin/api/sso-hosts?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        return pageOf(answer.body, 'host');
      };
      const hosts = await walk(hostPage);
      expect(hosts.names).toEqual([...hosts.names].sort());
      for (let n = 1; n <= COUNT; n += 1) expect(hosts.names).toContain(`app-${n}.example.com`);
      expect(new Set(hosts.names).size).toBe(hosts.names.length);
    }, 120_000);
  });

  describe('the site', () => {
    const sitePage = (query: string) => async (cursor: string | null) => {
      const url = cursor ? `${service.baseUrl}${cursor}` : `${service.baseUrl}/admin/keys/?${query}`;
      const response = await browser.fetch(url);
      expect(response.status).toBe(200);
      const html = await response.text();
      const names = [...html.matchAll(/<td><a href="\/admin\/keys\/[^"]+"><code>([^<]+)<\/code><\/a><\/td>/g)].map(
        (match) => match[1] ?? '',
      );
      const next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null;
      return { names, next };
    };

    it('shows 50 keys a page with a link to the next that keeps the search and the filter', async () => {
      const first = await sitePage('')(null);
      expect(first.names).toHaveLength(50);
      const { names } = await walk(sitePage(''), addKeysBetweenPages);
      expectEachOnce(names, keys);

      const searched = await walk(sitePage(`q=${WORD}&entryPoint=`));
      expect(searched.names).toEqual(quarterlyKeys);
      const html = await (await browser.fetch(`${service.baseUrl}/admin/keys/?q=${WORD}`)).text();
      expect(html).toContain(`value="${WORD}"`);
      expect(html).toContain(`${quarterlyKeys.length} of ${quarterlyKeys.length} matching “${WORD}”`);
    });

    it('carries the search into the next page’s link', async () => {
      const html = await (await browser.fetch(`${service.baseUrl}/admin/keys/?q=key`)).text();
      expect(html).toMatch(/<a href="\/admin\/keys\/\?q=key&amp;cursor=[^"]+" rel="next">/);
    });
  });

  describe('the command line', () => {
    const cliPage = (extra: string[]) => async (cursor: string | null) => {
      const run = await runCliCapturing(
        ['--server', service.baseUrl, 'key', 'list', ...extra, ...(cursor ? ['--after', cursor] : [])],
        CLI_ENV,
        clock,
      );
      expect(run.status).toBe(0);
      const names = run.stdout.slice(1).map((line) => line.split(/\s+/)[0] ?? '');
      const next = /--after (\S+)/.exec(run.stderr.join('\n'))?.[1] ?? null;
      return { names, next };
    };

    it('lists 50 keys a page, says how to ask for the next, and searches', async () => {
      const first = await runCliCapturing(['--server', service.baseUrl, 'key', 'list'], CLI_ENV, clock);
      expect(first.stdout).toHaveLength(51);
      expect(first.stderr.join('\n')).toMatch(/^50 of \d+ API keys; for the next page add --after \S+$/);
      const { names } = await walk(cliPage([]), addKeysBetweenPages);
      expectEachOnce(names, keys);
      expect((await walk(cliPage(['--search', WORD.toUpperCase(), '--limit', '3']))).names).toEqual(quarterlyKeys);
    });
  });
});
