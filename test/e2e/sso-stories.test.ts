import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import { startDemo, type RunningDemo } from '../support/demo-process.js';

/**
 * The three single sign-on stories of the issue, in Chromium, against `npm run demo` (on free ports):
 * the provider and the demo client app, each its own Koa app, on localhost.
 */
await describeWithBrowser('single sign-on in a browser, against the demo', (browser) => {
  let demo: RunningDemo;

  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => {
    demo.kill();
  });

  async function text(page: Page, selector: string): Promise<string> {
    return (await page.locator(selector).innerText()).trim();
  }

  /** What the provider's own home page says about this browser. */
  async function providerSays(page: Page): Promise<string> {
    await page.goto(`${demo.providerUrl}/`);
    return text(page, 'main');
  }

  async function logInOnProviderForm(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  it('1. fresh login: "Log in" leads to the provider\'s form; user1 is back on the app; the provider has nobody', async () => {
    const page = await browser.newPage();
    expect(await providerSays(page)).toContain('You are not logged in.');

    await page.goto(`${demo.clientUrl}/`);
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${demo.providerUrl}/sso/login/**`);
    expect(await text(page, 'main')).toContain(`localhost:${demo.clientPort} asks you to log in`);
    await logInOnProviderForm(page, 'user1', '123');

    await page.waitForURL(`${demo.clientUrl}/`);
    expect(await text(page, 'h1')).toBe('Hello, user1');
    expect(await text(page, '#username')).toBe('user1');
    expect(await text(page, '#first-name')).toBe('Una');
    expect(await text(page, '#last-name')).toBe('One');
    expect(await text(page, '#email')).toBe('user1@example.com');
    expect(await text(page, '#last-login')).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect(await providerSays(page)).toContain('You are not logged in.');
  });

  it('2. existing login: logged in on the provider as user1, "Log in" offers "Continue as user1", and the app says user1', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.providerUrl}/login/`);
    await logInOnProviderForm(page, 'user1', '123');
    expect(await providerSays(page)).toContain('You are logged in as user1.');

    await page.goto(`${demo.clientUrl}/`);
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${demo.providerUrl}/sso/login/**`);
    await page.getByRole('button', { name: 'Continue as user1' }).click();

    await page.waitForURL(`${demo.clientUrl}/`);
    expect(await text(page, 'h1')).toBe('Hello, user1');
  });

  it('3. switch account: from story 2\'s page, "Switch account" and user2; the app says user2, the provider still user1', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.providerUrl}/login/`);
    await logInOnProviderForm(page, 'user1', '123');

    await page.goto(`${demo.clientUrl}/`);
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${demo.providerUrl}/sso/login/**`);
    expect(await page.getByRole('button', { name: 'Continue as user1' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Switch account' }).click();
    await logInOnProviderForm(page, 'user2', '456');

    await page.waitForURL(`${demo.clientUrl}/`);
    expect(await text(page, 'h1')).toBe('Hello, user2');
    expect(await text(page, '#first-name')).toBe('Tom');
    expect(await providerSays(page)).toContain('You are logged in as user1.');
  });

  it('sends a visitor of the private page through the login and back, and logs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.clientUrl}/private/`);
    await page.waitForURL(`${demo.providerUrl}/sso/login/**`);
    await logInOnProviderForm(page, 'user2', '456');
    await page.waitForURL(`${demo.clientUrl}/private/`);
    expect(await text(page, 'main')).toContain('You are user2.');

    await page.goto(`${demo.clientUrl}/`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${demo.clientUrl}/`);
    expect(await page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
  });
});
