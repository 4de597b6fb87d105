import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import { startDemo, type RunningDemo } from '../support/demo-process.js';

/**
 * Passkeys in Chromium with a virtual authenticator (the DevTools protocol's WebAuthn domain: a
 * platform authenticator that keeps resident keys and verifies its user), against `npm run demo`:
 * a passkey registered on the account page signs user1 in on /login/ and, through the demo client
 * app, on the dj-sso page, no password typed.
 */
await describeWithBrowser('passkeys in a browser, against the demo', (browser) => {
  let demo: RunningDemo;

  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => {
    demo.kill();
  });

  async function withAuthenticator(page: Page): Promise<CDPSession> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return cdp;
  }

  async function main(page: Page): Promise<string> {
    return (await page.locator('main').innerText()).trim();
  }

  async function logOut(page: Page): Promise<void> {
    await page.goto(`${demo.providerUrl}/`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${demo.providerUrl}/`);
    expect(await main(page)).toContain('You are not logged in.');
  }

  it('registers a passkey on the account page, then signs in with it on /login/ and on /sso/login/, no password typed', async () => {
    const page = await browser.newPage();
    await withAuthenticator(page);

    // Logged in with the password once, to register the passkey.
    await page.goto(`${demo.providerUrl}/login/`);
    await page.getByLabel('Username').fill('user1');
    await page.getByLabel('Password').fill('123');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL(`${demo.providerUrl}/`);

    await page.goto(`${demo.providerUrl}/account/`);
    await page.getByLabel('Name of the new passkey').fill('Virtual authenticator');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await expect.poll(() => page.locator('input[name="name"][value="Virtual authenticator"]').count()).toBe(1);
    expect(page.url()).toBe(`${demo.providerUrl}/account/`);
    expect(await main(page)).not.toContain('no passkey yet');

    await logOut(page);

    // /login/: one button, no username, no password.
    await page.goto(`${demo.providerUrl}/login/`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${demo.providerUrl}/`);
    expect(await main(page)).toContain('You are logged in as user1.');
    await logOut(page);

    // The dj-sso page, through the demo client app: the app gets user1.
    await page.goto(`${demo.clientUrl}/`);
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${demo.providerUrl}/sso/login/**`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${demo.clientUrl}/`);
    expect((await page.locator('h1').innerText()).trim()).toBe('Hello, user1');
    expect((await page.locator('#username').innerText()).trim()).toBe('user1');
  });

  it('asks a user with a passkey for it after their password, and logs them in with it', async () => {
    const page = await browser.newPage();
    await withAuthenticator(page);
    await page.goto(`${demo.providerUrl}/login/`);
    await page.getByLabel('Username').fill('user2');
    await page.getByLabel('Password').fill('456');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL(`${demo.providerUrl}/`);
    await page.goto(`${demo.providerUrl}/account/`);
    await page.getByLabel('Name of the new passkey').fill('Phone');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await expect.poll(() => page.locator('input[name="name"][value="Phone"]').count()).toBe(1);
    await logOut(page);

    await page.goto(`${demo.providerUrl}/login/`);
    await page.getByLabel('Username').fill('user2');
    await page.getByLabel('Password').fill('456');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect.poll(() => main(page)).toContain('Second step');
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.waitForURL(`${demo.providerUrl}/`);
    expect(await main(page)).toContain('You are logged in as user2.');
  });
});
