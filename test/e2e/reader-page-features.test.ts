import { asValue } from 'awilix';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { DEMO_NAMESPACE, demoDocuments } from '../../src/application/reader/reader-demo.js';
import { describeWithBrowser } from '../support/browser.js';
import { doc } from '../support/reader-values.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** Logs in through the form, from the address asked for, and lands back on it. */
async function logIn(page: Page, service: TestService, path: string, username = 'user1', password = '123'): Promise<void> {
  await page.goto(`${service.baseUrl}${path}`);
  await page.waitForURL(/\/login\//);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => url.pathname === new URL(path, service.baseUrl).pathname);
}

/** What the page's own session gets from the JSON API: the names of a find, in order. */
async function namesFromApi(page: Page, parameters: Record<string, string>): Promise<string[]> {
  return page.evaluate(async (query) => {
    const response = await fetch(`/mongo/db1/user_collection1/_find?${new URLSearchParams(query).toString()}`);
    const body = (await response.json()) as { results: { name: string }[] };
    return body.results.map((result) => result.name);
  }, parameters);
}

function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

const rows = (page: Page) => page.locator('[data-reader-rows] tr');
const firstColumn = (page: Page) => rows(page).locator('td:first-child').allTextContents();
const currentPage = (page: Page) => page.locator('[data-reader-pages] [aria-current=page]').textContent();

await describeWithBrowser('the reader page as a user of Compass or mongo-express would use it', (browser) => {
  let service: TestService;

  beforeAll(async () => {
    const source = new MemoryDocumentSource();
    await source.seedIfEmpty(DEMO_NAMESPACE, demoDocuments());
    await source.seedIfEmpty({ database: 'db1', collection: 'user_nested' }, [
      doc({
        _id: { kind: 'objectId', hex: '65a0c0ffee0000000000abcd' },
        name: 'Nested Ada',
        active: true,
        nickname: null,
        lastlogin: { kind: 'date', ms: Date.UTC(2025, 0, 2, 3, 4, 5) },
        address: doc({ city: 'London', geo: doc({ lat: 51.5, lng: -0.12 }) }),
        tags: ['math', 'engines'],
      }),
    ]);
    service = await startTestService({ overrides: { documentSource: asValue(source), documentSeeder: asValue(source) } });
  });
  afterAll(() => service.close());

  it('opens a bookmarked address on its page, sorts by a header, and steps back with Back', async () => {
    const page = await browser.newPage();
    const errors = errorsOf(page);
    const bookmark = `/mongo/?${new URLSearchParams({
      ns: 'db1.user_collection1',
      criteria: '{"disable": false}',
      sort: '{"name": 1}',
      rowcount: '10',
      page: '3',
    }).toString()}`;
    await logIn(page, service, bookmark);
    await expect.poll(() => currentPage(page)).toBe('3');
    const pageThree = await namesFromApi(page, { criteria: '{"disable": false}', sort: '{"name": 1}', skip: '20', limit: '10' });
    await expect.poll(() => firstColumn(page)).toEqual(pageThree);
    expect(await page.locator('th[data-field=name]').getAttribute('aria-sort')).toBe('ascending');

    // The name header sorts ascending already: a click turns it descending, from the first page.
    await page.click('th[data-field=name] button');
    const descending = await namesFromApi(page, { criteria: '{"disable": false}', sort: '{"name":-1}', limit: '10' });
    await expect.poll(() => firstColumn(page)).toEqual(descending);
    expect(await currentPage(page)).toBe('1');
    expect(await page.locator('th[data-field=name]').getAttribute('aria-sort')).toBe('descending');
    const address = new URL(page.url());
    expect(address.searchParams.get('sort')).toBe('{"name":-1}');
    expect(address.searchParams.get('page')).toBe('1');
    expect(await page.inputValue('#reader-sort')).toBe('{"name":-1}');
    expect(await page.getAttribute('[data-reader-export]', 'href')).toContain(encodeURIComponent('{"name":-1}'));

    // A third click leaves the table unsorted.
    await page.click('th[data-field=name] button');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('{}');
    expect(await page.locator('th[data-field=name]').getAttribute('aria-sort')).toBeNull();

    await page.goBack();
    await page.goBack();
    await expect.poll(() => currentPage(page)).toBe('3');
    await expect.poll(() => firstColumn(page)).toEqual(pageThree);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('{"name": 1}');
    await page.goForward();
    await expect.poll(() => firstColumn(page)).toEqual(descending);
    expect(errors).toEqual([]);
  });

  it('reaches every page: last, first, and any page by its number', async () => {
    const page = await browser.newPage();
    await logIn(page, service, '/mongo/?ns=db1.user_collection1&rowcount=10&sort=%7B%22name%22%3A1%7D');
    await expect.poll(() => currentPage(page)).toBe('1');
    await page.click('[data-reader-pages] button:text-is("Last")');
    await expect.poll(() => currentPage(page)).toBe('10');
    expect(await page.locator('[data-reader-pages] button:text-is("Next")').isDisabled()).toBe(true);
    await page.fill('[data-reader-page-number]', '7');
    await page.click('[data-reader-page-jump] button');
    await expect.poll(() => currentPage(page)).toBe('7');
    const seventh = await namesFromApi(page, { sort: '{"name":1}', skip: '60', limit: '10' });
    await expect.poll(() => firstColumn(page)).toEqual(seventh);
    expect(new URL(page.url()).searchParams.get('page')).toBe('7');
    await page.click('[data-reader-pages] button:text-is("First")');
    await expect.poll(() => currentPage(page)).toBe('1');
  });

  it("opens a nested document's tree, with typed values that expand, collapse and copy as Extended JSON", async () => {
    const page = await browser.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.baseUrl });
    await logIn(page, service, '/mongo/?ns=db1.user_nested');
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page)
      .first()
      .getByRole('button', { name: /Detail/ })
      .click();
    const tree = page.locator('[data-reader-tree]');
    await expect.poll(() => tree.isVisible()).toBe(true);
    const typeOf = (path: string) => tree.locator(`li[data-path="${path}"] .reader-tree-value`).first().getAttribute('data-type');
    expect(await typeOf('_id')).toBe('ObjectId');
    expect(await typeOf('name')).toBe('string');
    expect(await typeOf('active')).toBe('boolean');
    expect(await typeOf('nickname')).toBe('null');
    expect(await typeOf('lastlogin')).toBe('date');
    expect(await typeOf('address')).toBe('object');
    expect(await typeOf('address.geo.lat')).toBe('double');
    expect(await typeOf('tags')).toBe('array');
    expect(await tree.locator('li[data-path="lastlogin"] .reader-tree-value').textContent()).toBe('2025-01-02T03:04:05.000Z');

    const city = tree.locator('li[data-path="address.city"]');
    expect(await city.isVisible()).toBe(true);
    await page.click('[data-reader-collapse]');
    expect(await city.isVisible()).toBe(false);
    await tree.locator('li[data-path="address"] > details > summary .reader-tree-key').click();
    await expect.poll(() => city.isVisible()).toBe(true);
    expect(await tree.locator('li[data-path="address.geo.lng"]').isVisible()).toBe(false);
    await page.click('[data-reader-expand]');
    expect(await tree.locator('li[data-path="address.geo.lng"]').isVisible()).toBe(true);

    await tree.getByRole('button', { name: 'Copy address.geo as Extended JSON' }).click();
    await expect.poll(() => page.locator('[data-reader-copied]').textContent()).toBe('Copied address.geo.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('{"lat":51.5,"lng":-0.12}');
    await page.click('[data-reader-copy-record]');
    const record = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Record<string, unknown>;
    expect(record.lastlogin).toEqual({ $date: '2025-01-02T03:04:05Z' });
    expect(record._id).toEqual({ $oid: '65a0c0ffee0000000000abcd' });
  });

  it('keeps the last queries of a collection in the browser, and reruns one with a click', async () => {
    const page = await browser.newPage();
    await logIn(page, service, '/mongo/?ns=db1.user_collection1');
    const total = page.locator('[data-reader-total]');
    await expect.poll(() => total.textContent()).toBe('100');
    for (const criteria of ['{"gender": 1}', '{"gender": 0}']) {
      await page.fill('#reader-criteria', criteria);
      await page.click('form.reader-query button[type=submit]');
      await page.waitForURL(/criteria=/);
      await expect.poll(() => total.textContent()).not.toBe('100');
    }
    const ofGenderZero = Number(await total.textContent());
    const history = page.locator('[data-reader-history]');
    await history.locator('summary').click();
    const links = history.locator('[data-reader-history-list] a');
    expect(await links.allTextContents()).toEqual(['{"gender": 0}', '{"gender": 1}', '{}']);
    await links.filter({ hasText: '{"gender": 1}' }).click();
    await page.waitForURL(/gender/);
    await expect.poll(async () => Number(await total.textContent())).toBe(100 - ofGenderZero);
    expect(await page.inputValue('#reader-criteria')).toBe('{"gender": 1}');
  });

  it('shows the overview through the value transforms: gender as male and female', async () => {
    const page = await browser.newPage();
    await logIn(page, service, '/mongo/?ns=db1.user_collection1');
    const labels = page.locator('.reader-field:has(code:text-is("gender")) a.reader-bar text:first-of-type');
    await expect.poll(async () => (await labels.allTextContents()).sort()).toEqual(['female', 'male']);
  });

  it("clears the previous answer's count and time when a query fails", async () => {
    const page = await browser.newPage();
    await logIn(page, service, '/mongo/?ns=db1.user_collection1&rowcount=10');
    await expect.poll(() => page.locator('[data-reader-total]').textContent()).toBe('100');
    await expect.poll(async () => (await page.locator('[data-reader-time]').textContent()) ?? '').toMatch(/ms$/);
    await page.route('**/_find?**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: '{"ok": 0, "error": "the query could not run: too slow"}',
      }),
    );
    await page.click('[data-reader-pages] button:text-is("2")');
    await expect.poll(() => page.locator('[data-reader-error]').textContent()).toBe('the query could not run: too slow');
    expect(await page.locator('[data-reader-total]').textContent()).toBe('—');
    expect(await page.locator('[data-reader-time]').textContent()).toBe('—');
    expect(await rows(page).count()).toBe(0);
  });

  it('says who is logged in, links home, shows the admin to staff only, and logs out from the header', async () => {
    const page = await browser.newPage();
    await logIn(page, service, '/mongo/');
    const header = page.locator('header');
    expect(await header.locator('[data-reader-user]').textContent()).toBe('Logged in as user1');
    expect(await header.locator('a:text-is("Admin")').count()).toBe(0);
    expect(await page.getAttribute('link[rel=icon]', 'href')).toBe('/assets/favicon.svg');
    const icon = await page.request.get(`${service.baseUrl}/assets/favicon.svg`);
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    await header.locator('a:text-is("Home")').click();
    await page.waitForURL(`${service.baseUrl}/`);
    expect(await page.locator('main a:text-is("MongoDB reader")').count()).toBe(1);
    expect(await page.locator('main a:text-is("Admin")').count()).toBe(0);
    await page.click('main a:text-is("MongoDB reader")');
    await page.waitForURL(/\/mongo\//);
    await page.locator('header').getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${service.baseUrl}/`);
    expect(await page.locator('main').textContent()).toContain('You are not logged in.');
    await page.goto(`${service.baseUrl}/mongo/`);
    await page.waitForURL(/\/login\//);

    const staff = await browser.newPage();
    await logIn(staff, service, '/mongo/', 'admin', '123');
    expect(await staff.locator('header a:text-is("Admin")').getAttribute('href')).toBe('/admin/');
    await staff.goto(`${service.baseUrl}/`);
    expect(await staff.locator('main a:text-is("Admin")').count()).toBe(1);
    expect(await staff.locator('main a:text-is("MongoDB reader")').count()).toBe(1);
  });
});

await describeWithBrowser("the reader's own page with READER_COMPAT=dj-mongo-reader", (browser) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ config: testConfig({ READER_COMPAT: 'dj-mongo-reader' }) });
  });
  afterAll(() => service.close());

  it('shows the table, dates given in milliseconds, and the tree, as without the setting', async () => {
    const page = await browser.newPage();
    const errors = errorsOf(page);
    await logIn(page, service, '/mongo/?ns=db1.user_collection1&rowcount=10');
    await expect.poll(() => rows(page).count()).toBe(10);
    expect(await page.locator('[data-reader-total]').textContent()).toBe('100');
    const first = await rows(page).first().locator('td').allTextContents();
    expect(first[3]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    await rows(page)
      .first()
      .getByRole('button', { name: /Detail/ })
      .click();
    const lastlogin = page.locator('[data-reader-tree] li[data-path="lastlogin"] .reader-tree-value');
    expect(await lastlogin.getAttribute('data-type')).toBe('date');
    expect(await lastlogin.textContent()).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(errors).toEqual([]);
  });

  it('shows a refusal the JSON routes now give at HTTP 200 as an error, with no count', async () => {
    const page = await browser.newPage();
    await logIn(page, service, `/mongo/?ns=db1.user_collection1&criteria=${encodeURIComponent('{"$where": "1"}')}`);
    await expect.poll(() => page.locator('[data-reader-error]').textContent()).toBe('operator not allowed: $where');
    expect(await page.locator('[data-reader-total]').textContent()).toBe('—');
    expect(await rows(page).count()).toBe(0);
  });
});
