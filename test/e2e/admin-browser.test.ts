import { afterAll, beforeAll, expect, it } from 'vitest';
import { SignetClient } from '../../src/client/signet-client.js';
import { describeWithBrowser } from '../support/browser.js';
import { startTestService, type TestService } from '../support/test-service.js';

await describeWithBrowser('the admin site in Chromium', (browser) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it(
    'makes a key allowed only on GET /api/hello/, shows its SEC key once, revokes it, and logs the three changes',
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      page.on('dialog', (dialog) => void dialog.accept());

      // The admin logs in, on the way to the admin.
      await page.goto(`${service.baseUrl}/admin/keys/`);
      expect(new URL(page.url()).pathname).toBe('/login/');
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill('123');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${service.baseUrl}/admin/keys/`);

      // Creates a key.
      await page.getByRole('link', { name: 'New key' }).click();
      await page.getByLabel('Note').fill('browser test');
      await page.getByRole('button', { name: 'Create the key' }).click();
      await page.waitForURL(/\/admin\/keys\/[0-9a-f]{16}$/);
      const apiKey = page.url().split('/').pop()!;
      const secretKey = (await page.locator('#sec-key').textContent())!;
      expect(secretKey).toMatch(/^[0-9a-f]{64}$/);
      expect(page.url()).not.toContain(secretKey);

      // Reading it again is not possible.
      await page.reload();
      await expect(page.locator('#sec-key').count()).resolves.toBe(0);
      expect(await page.content()).not.toContain(secretKey);

      // Allows it GET /api/hello/ only.
      await page.getByRole('checkbox', { name: 'GET /api/hello/' }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The key was saved.').waitFor();
      await expect(page.getByRole('checkbox', { name: 'GET /api/hello/' }).isChecked()).resolves.toBe(true);
      await expect(page.getByRole('checkbox', { name: 'GET /api/goodbye/' }).isChecked()).resolves.toBe(false);

      const client = new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol: 'v1' });
      const hello = await client.get('/api/hello/');
      expect(hello.status).toBe(200);
      const goodbye = await client.get('/api/goodbye/');
      expect(goodbye.status).toBe(403);
      expect(await goodbye.json()).toEqual({ error: 'entry point not allowed for the API key' });

      // Revokes it; the next request is refused.
      await page.getByRole('button', { name: 'Revoke' }).click();
      await page.getByText('The key is revoked, for good.').waitFor();
      expect((await client.get('/api/hello/')).status).toBe(403);

      // The audit log shows the three changes, newest first, and no secret.
      await page.getByRole('navigation').getByRole('link', { name: 'Audit log', exact: true }).click();
      await page.getByLabel('On').fill(apiKey);
      await page.getByRole('button', { name: 'Filter' }).click();
      const rows = page.locator('table.audit tbody tr');
      await expect(rows.count()).resolves.toBe(3);
      const actions = await rows.locator('td:nth-child(5)').allTextContents();
      expect(actions).toEqual(['key.revoke', 'key.update', 'key.create']);
      const who = await rows.locator('td:nth-child(2)').allTextContents();
      expect(who).toEqual(['admin', 'admin', 'admin']);
      expect(await page.content()).not.toContain(secretKey);
    },
  );

  it('shows the reader’s policy and says which rule allows or refuses a query tried as a user', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${service.baseUrl}/admin/reader/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('123');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${service.baseUrl}/admin/reader/`);
    await expect(page.locator('#rule-2').textContent()).resolves.toContain('user2 may count them, not read them');

    // user2 may not find.
    await page.getByLabel('User', { exact: true }).fill('user2');
    // The field offers what the site finds for what was typed: user2 alone of the demo's users.
    await expect.poll(() => page.locator('#r-user-choices option').count()).toBe(1);
    await expect(page.locator('#r-user-choices option').getAttribute('value')).resolves.toBe('user2');
    await page.getByLabel('Database').fill('db1');
    await page.getByLabel('Collection').fill('user_collection1');
    await page.getByLabel('Command').selectOption('find');
    await page.getByRole('button', { name: 'Try' }).click();
    await page.locator('#trial-title', { hasText: 'Refused' }).waitFor();
    await expect(page.locator('#trial-rules').textContent()).resolves.toContain('no rule matches: refused');

    // The form kept what was typed: a count instead is allowed, by rule 2, which the policy marks.
    await page.getByLabel('Command').selectOption('count');
    await page.getByRole('button', { name: 'Try' }).click();
    await page.locator('#trial-title', { hasText: 'Allowed' }).waitFor();
    await expect(page.locator('tr.decides').getAttribute('id')).resolves.toBe('rule-2');
    await expect(page.getByLabel('User', { exact: true }).inputValue()).resolves.toBe('user2');
  });
});
