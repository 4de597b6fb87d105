import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';

/** Debian's Chromium; a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags every test browser runs with: headless, and nothing that reaches the network by itself. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

const RESULTS = new URL('../../test-results/', import.meta.url).pathname;

export interface BrowserSession {
  /** A page in a fresh browser context (its own cookies, as a new browser would have). */
  newPage(): Promise<Page>;
  /** A second page in the same context as `page`: another tab of the same browser. */
  newTab(page: Page): Promise<Page>;
}

/**
 * Declares a suite that drives Chromium through playwright-core; call it with top-level await:
 *
 *     await describeWithBrowser('the three login stories', (browser) => { ... browser.newPage() ... });
 *
 * When a test fails, a screenshot of each of its pages is saved under test-results/. Without
 * /usr/bin/chromium the suite is skipped with the reason, unless SIGNET_REQUIRE_BROWSER=1 (as in CI):
 * then the absence is a failing test.
 */
export async function describeWithBrowser(title: string, body: (browser: BrowserSession) => void): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    const reason = `${CHROMIUM} is not installed (apt-get install chromium)`;
    if (process.env.SIGNET_REQUIRE_BROWSER === '1') {
      describe(title, () => {
        it('has a browser to run in (SIGNET_REQUIRE_BROWSER=1)', () => {
          throw new Error(`${reason}; SIGNET_REQUIRE_BROWSER=1 makes this a failure`);
        });
      });
      return;
    }
    console.warn(`skipping "${title}": ${reason}`);
    describe.skip(title, () => {
      it(`needs Chromium: ${reason}`, () => {});
    });
    return;
  }

  describe(title, () => {
    let browser: Browser | undefined;
    let contexts: BrowserContext[] = [];
    let pages: Page[] = [];

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    });
    afterAll(async () => {
      await browser?.close();
    });
    beforeEach(({ task, onTestFailed }) => {
      onTestFailed(async () => {
        await mkdir(RESULTS, { recursive: true });
        const name = `${title} ${task.name}`.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 120);
        for (const [index, page] of pages.entries()) {
          if (!page.isClosed()) await page.screenshot({ path: join(RESULTS, `${name}-${index + 1}.png`), fullPage: true });
        }
      });
    });
    afterEach(async () => {
      await Promise.all(contexts.map((context) => context.close()));
      contexts = [];
      pages = [];
    });

    body({
      async newPage() {
        if (!browser) throw new Error('the browser did not start');
        const context = await browser.newContext();
        contexts.push(context);
        const page = await context.newPage();
        pages.push(page);
        return page;
      },
      async newTab(page) {
        const tab = await page.context().newPage();
        pages.push(tab);
        return tab;
      },
    });
  });
}
