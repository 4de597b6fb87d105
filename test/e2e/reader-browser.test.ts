import { readFile } from 'node:fs/promises';
import { asValue } from 'awilix';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { DEMO_NAMESPACE, demoDocuments } from '../../src/application/reader/reader-demo.js';
import { describeWithBrowser } from '../support/browser.js';
import { doc } from '../support/reader-values.js';
import { startTestService, type TestService } from '../support/test-service.js';

const PAYLOAD = '<img src=x onerror=alert(1)>';

/** Logs the page's browser into the provider as user1 through the login form, landing on the reader. */
async function logInToReader(page: Page, service: TestService, query = ''): Promise<void> {
  await page.goto(`${service.baseUrl}/mongo/${query}`);
  await page.waitForURL(/\/login\//);
  await page.fill('#username', 'user1');
  await page.fill('#password', '123');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/mongo\//);
}

/** Fails the test on anything a script of an attacker would cause: an alert, a page error, a CSP violation. */
function watchForTrouble(page: Page): string[] {
  const trouble: string[] = [];
  page.on('dialog', (dialog) => {
    trouble.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => trouble.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The browser asks for /favicon.ico by itself; Signet has none.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      trouble.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  return trouble;
}

await describeWithBrowser('the MongoDB reader in a browser', (browser) => {
  let service: TestService;

  beforeAll(async () => {
    const source = new MemoryDocumentSource();
    await source.seedIfEmpty(DEMO_NAMESPACE, demoDocuments());
    await source.seedIfEmpty({ database: 'db1', collection: 'user_markup' }, [
      doc({ _id: { kind: 'int32', value: 1 }, name: PAYLOAD, gender: { kind: 'int32', value: 0 } }),
      doc({ _id: { kind: 'int32', value: 2 }, name: PAYLOAD, gender: { kind: 'int32', value: 1 } }),
    ]);
    service = await startTestService({ overrides: { documentSource: asValue(source), documentSeeder: asValue(source) } });
  });
  afterAll(() => service.close());

  it('shows 10 rows of 100, pages, opens a record, transforms values and exports a CSV', async () => {
    const page = await browser.newPage();
    const trouble = watchForTrouble(page);
    await logInToReader(page, service);

    const rows = page.locator('[data-reader-rows] tr');
    await expect.poll(() => rows.count()).toBe(10);
    await expect.poll(() => page.locator('[data-reader-total]').textContent()).toBe('100');
    await expect.poll(async () => (await page.locator('[data-reader-time]').textContent()) ?? '').toMatch(/ms$/);

    // gender is shown through the demo's transform, lastlogin as a date in the browser's locale.
    const firstRow = await rows.first().locator('td').allTextContents();
    expect(['male', 'female']).toContain(firstRow[1]);
    expect(firstRow[3]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    const pageOne = await rows.locator('td:first-child').allTextContents();

    await page.click('[data-reader-pages] button:text-is("2")');
    await expect.poll(() => page.locator('[data-reader-pages] [aria-current=page]').textContent()).toBe('2');
    const pageTwo = await rows.locator('td:first-child').allTextContents();
    expect(pageTwo).toHaveLength(10);
    expect(pageTwo.some((name) => pageOne.includes(name))).toBe(false);

    await rows
      .nth(2)
      .getByRole('button', { name: /Detail/ })
      .click();
    const dialog = page.locator('[data-reader-dialog]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const record = JSON.parse((await dialog.locator('pre').textContent()) ?? '') as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['_id', 'name', 'gender', 'disable', 'lastlogin']);
    expect(record.name).toBe(pageTwo[2]);
    expect(record.lastlogin).toEqual({ $date: expect.stringMatching(/Z$/) });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
    expect(download.suggestedFilename()).toBe('user_collection1.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('name,gender,disable,lastlogin');
    expect(lines).toHaveLength(102);
    expect(trouble).toEqual([]);
  });

  it('filters by a click on a bar of the field overview', async () => {
    const page = await browser.newPage();
    const trouble = watchForTrouble(page);
    await logInToReader(page, service);
    const bar = page.locator('svg.reader-bars a').filter({ hasText: 'true' }).first();
    const expected = Number((await bar.locator('text').last().textContent()) ?? 'NaN');
    await bar.click();
    await page.waitForURL(/criteria=/);
    await expect.poll(() => page.locator('[data-reader-total]').textContent()).toBe(String(expected));
    expect(await page.locator('#reader-criteria').inputValue()).toBe('{"disable":true}');
    expect(trouble).toEqual([]);
  });

  it('shows a document whose name is markup as text: in the table, the detail dialog and the overview', async () => {
    const page = await browser.newPage();
    const trouble = watchForTrouble(page);
    await logInToReader(page, service, '?ns=db1.user_markup');
    const rows = page.locator('[data-reader-rows] tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().locator('td').first().textContent()).toBe(PAYLOAD);
    await rows
      .first()
      .getByRole('button', { name: /Detail/ })
      .click();
    expect(await page.locator('[data-reader-dialog] pre').textContent()).toContain(`"name": "${PAYLOAD}"`);
    expect(await page.locator('svg.reader-bars text').filter({ hasText: '<img' }).count()).toBeGreaterThan(0);
    // No element was made of the markup, and nothing ran.
    expect(await page.locator('main img').count()).toBe(0);
    expect(trouble).toEqual([]);
  });
});
