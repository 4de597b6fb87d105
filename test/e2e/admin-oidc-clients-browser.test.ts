import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import { startTestService, type TestService } from '../support/test-service.js';

await describeWithBrowser('OpenID clients on the admin site, in Chromium', (browser) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it(
    'registers a client from the navigation, shows its secret once, disables it after a confirmation, and rotates the keys',
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      const refusedScripts: string[] = [];
      page.on('console', (message) => {
        // What the page's Content-Security-Policy refused (an inline script or style), not a missing favicon.
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) refusedScripts.push(message.text());
      });
      page.on('dialog', (dialog) => void dialog.accept());

      await page.goto(`${service.baseUrl}/admin/`);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill('123');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${service.baseUrl}/admin/`);
      await page.getByRole('navigation').getByRole('link', { name: 'OpenID clients' }).click();
      await page.waitForURL(`${service.baseUrl}/admin/oidc-clients/`);

      await page.getByLabel('Client id', { exact: true }).fill('browser-app');
      await page.getByLabel('Redirect URIs, one a line', { exact: true }).fill('https://app.example.com/callback');
      await page.getByRole('checkbox', { name: 'First-party' }).check();
      await page.getByRole('button', { name: 'Register the client' }).click();
      await page.waitForURL(`${service.baseUrl}/admin/oidc-clients/browser-app`);
      const secret = (await page.locator('#client-secret').textContent()) ?? '';
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(page.url()).not.toContain(secret);
      await page.reload();
      await expect(page.locator('#client-secret').count()).resolves.toBe(0);

      await page.getByRole('button', { name: 'Disable' }).click();
      await page.getByText('The client is disabled').waitFor();
      await expect(page.getByRole('button', { name: 'Enable' }).count()).resolves.toBe(1);

      await page.goto(`${service.baseUrl}/admin/oidc-clients/?q=browser`);
      await expect(page.locator('tbody tr').count()).resolves.toBe(1);
      await expect(page.getByLabel('Search').inputValue()).resolves.toBe('browser');

      await page.getByRole('link', { name: 'signing keys' }).click();
      await page.getByRole('button', { name: 'Publish new keys' }).click();
      await page.getByText('New keys are published').waitFor();
      await expect(page.getByText('pending', { exact: true }).count()).resolves.toBe(2);
      expect(refusedScripts).toEqual([]);
    },
  );
});
