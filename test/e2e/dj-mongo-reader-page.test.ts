import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { startLegacyReaderPageServer, type LegacyReaderPageServer } from '../support/legacy-reader-page-server.js';
import { loggedIn } from '../support/reader-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const PAGE = new URL('./dj-mongo-reader-page/', import.meta.url);

/** Opens the page and waits until its three requests have been answered (or ignored, when not 200). */
async function openPage(page: Page, site: LegacyReaderPageServer): Promise<void> {
  await page.goto(site.baseUrl);
  await page.waitForSelector('#done:text("done")', { timeout: 30_000 });
}

function commandOf(path: string): string {
  return new URL(path, 'http://page').pathname.split('/').at(-1) ?? '';
}

function startSites(env: Record<string, string>) {
  let service: TestService | undefined;
  const sites: LegacyReaderPageServer[] = [];
  const site = async (username: string, password: string): Promise<LegacyReaderPageServer> => {
    if (!service) throw new Error('the service did not start');
    const session: CookieJar = await loggedIn(service, username, password);
    const started = await startLegacyReaderPageServer(PAGE, service.baseUrl, session);
    sites.push(started);
    return started;
  };
  beforeAll(async () => {
    service = await startTestService({ config: testConfig(env) });
  });
  afterAll(async () => {
    await Promise.all(sites.map((started) => started.close()));
    await service?.close();
  });
  return site;
}

await describeWithBrowser('a page written for dj-mongo-reader, with READER_COMPAT=dj-mongo-reader', (browser) => {
  const site = startSites({ READER_COMPAT: 'dj-mongo-reader' });

  it('shows user1 the table, dates worked out from milliseconds, and _status fields', async () => {
    const page = await browser.newPage();
    const user1 = await site('user1', '123');
    await openPage(page, user1);
    await expect.poll(() => page.locator('#total').textContent()).toBe('100');
    const rows = page.locator('#rows tr');
    await expect.poll(() => rows.count()).toBe(50);
    const first = await rows.first().locator('td').allTextContents();
    expect(first[1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number(first[2])).toBeGreaterThanOrEqual(0);
    expect(await page.locator('#status-ns').textContent()).toBe('db1.user_collection1');
    expect(await page.locator('#status-count').textContent()).toBe('100');
    expect(await page.locator('#status-nindexes').textContent()).toBe('1');
    expect(await page.locator('#error').textContent()).toBe('');
    expect(user1.forwarded.every((answer) => answer.status === 200)).toBe(true);
  });

  it('shows user2 the permission error', async () => {
    const page = await browser.newPage();
    const user2 = await site('user2', '456');
    await openPage(page, user2);
    expect(await page.locator('#error').textContent()).toBe('get data error! permission disallowed');
    expect(await page.locator('#rows tr').count()).toBe(0);
    expect(user2.forwarded.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(await page.locator('#total').textContent()).toBe('100');
  });
});

await describeWithBrowser('the same page without READER_COMPAT', (browser) => {
  const site = startSites({});

  it("gets the JSON API's HTTP statuses: user2's find is refused with a 403 the page never reads, so it shows no error", async () => {
    const page = await browser.newPage();
    const user2 = await site('user2', '456');
    await openPage(page, user2);
    expect(Object.fromEntries(user2.forwarded.map((answer) => [commandOf(answer.path), answer.status]))).toEqual({
      _count: 200,
      _find: 403,
      _status: 403,
    });
    // What the issue saw: a total, an empty table, and no error.
    expect(await page.locator('#total').textContent()).toBe('100');
    expect(await page.locator('#rows tr').count()).toBe(0);
    expect(await page.locator('#error').textContent()).toBe('');
  });

  it('gets relaxed Extended JSON for user1: ISO dates, which its arithmetic cannot use', async () => {
    const page = await browser.newPage();
    const user1 = await site('user1', '123');
    await openPage(page, user1);
    await expect.poll(() => page.locator('#total').textContent()).toBe('100');
    const first = await page.locator('#rows tr').first().locator('td').allTextContents();
    expect(first[1]).toBe('not a number');
    expect(await page.locator('#status-count').textContent()).toBe('100');
  });
});
