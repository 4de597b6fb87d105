import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser } from '../support/browser.js';
import { startDemo } from '../support/demo-process.js';
import { freePort } from '../support/free-port.js';
import { startOidcService } from '../support/oidc-flow.js';
import type { TestService } from '../support/test-service.js';

const root = new URL('../../', import.meta.url).pathname;

/** The demo app (examples/sso-client/main.ts) in a process of its own, an OpenID client of Signet. */
interface RunningApp {
  url: string;
  stop(): void;
}

/**
 * The OpenID Connect stories in Chromium: Signet (its OpenID provider at <PUBLIC_URL>/oidc), and two
 * copies of the demo app, each its own process and its own OpenID client registered in Signet's store
 * (as `oidc client create` registers one), both on localhost as a developer runs them.
 */
await describeWithBrowser('single sign-on over OpenID Connect in a browser, two apps', (browser) => {
  let signet: TestService;
  let demoApp: RunningApp;
  let secondApp: RunningApp;
  const started: RunningApp[] = [];

  beforeAll(async () => {
    signet = await startOidcService();
    demoApp = await startApp('demo-app', 'Demo app', 'demo_app');
    secondApp = await startApp('second-app', 'Second app', 'second_app');
  });
  afterAll(async () => {
    for (const app of started) app.stop();
    await signet.close();
  });

  async function startApp(clientId: string, name: string, cookieName: string): Promise<RunningApp> {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const { secret } = await signet.runtime.cradle.createOidcClient.execute({
      clientId,
      name,
      redirectUris: [`${url}/oidc/callback`],
      postLogoutRedirectUris: [`${url}/`],
      firstParty: true,
    });
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'examples/sso-client/main.ts'], {
      cwd: root,
      detached: true,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        SSO_PROTOCOL: 'oidc',
        SSO_URL: `${signet.baseUrl}/oidc`,
        SSO_CLIENT_ID: clientId,
        SSO_CLIENT_SECRET: secret ?? '',
        SSO_APP_URL: url,
        SSO_COOKIE_NAME: cookieName,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const app: RunningApp = {
      url,
      stop: () => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      },
    };
    started.push(app);
    const deadline = Date.now() + 30_000;
    while (!output.includes('listening')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the demo app did not start:\n${output}`);
      await sleep(50);
    }
    return app;
  }

  async function text(page: Page, selector: string): Promise<string> {
    return (await page.locator(selector).innerText()).trim();
  }

  /** What Signet's own home page says about this browser. */
  async function signetSays(page: Page): Promise<string> {
    await page.goto(`${signet.baseUrl}/`);
    return text(page, 'main');
  }

  /** Every page of Signet's the browser was shown that asked for a password. */
  function passwordPages(page: Page): string[] {
    const asked: string[] = [];
    page.on('load', () => {
      void page
        .locator('input[type="password"]')
        .count()
        .then(
          (count) => {
            if (count > 0) asked.push(page.url());
          },
          () => undefined,
        );
    });
    return asked;
  }

  it('logs in to the demo app with a password, to the second app without one, and out of both apps and Signet from one', async () => {
    const page = await browser.newPage();
    const asked = passwordPages(page);
    expect(await signetSays(page)).toContain('You are not logged in.');

    // 1. The demo app: "Log in" leads to Signet's OpenID login page; the password is typed once.
    await page.goto(`${demoApp.url}/`);
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${signet.baseUrl}/oidc/interaction/**`);
    expect(await text(page, 'main')).toContain('Demo app asks you to log in with your Signet account.');
    await page.getByLabel('Username').fill('user1');
    await page.getByLabel('Password').fill('123');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${demoApp.url}/`);
    expect(await text(page, 'h1')).toBe('Hello, user1');
    expect(await text(page, '#first-name')).toBe('Una');
    expect(await text(page, '#email')).toBe('user1@example.com');
    // An OpenID login starts a Signet session, as OpenID Connect expects.
    expect(await signetSays(page)).toContain('You are logged in as user1.');

    // 2. The second app: the browser goes through Signet and back, asked for nothing.
    await page.goto(`${secondApp.url}/`);
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${secondApp.url}/`);
    expect(await text(page, 'h1')).toBe('Hello, user1');
    expect(asked).toEqual([expect.stringContaining(`${signet.baseUrl}/oidc/interaction/`)]);

    // 3. Log out from the second app: Signet asks, then ends its session and sends the browser back.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${signet.baseUrl}/oidc/session/end**`);
    expect(await text(page, 'main')).toContain('Second app asks to log you out of Signet.');
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.waitForURL(`${secondApp.url}/`);
    expect(await page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
    expect(await signetSays(page)).toContain('You are not logged in.');

    // The demo app's next login asks for the password again.
    await page.goto(`${demoApp.url}/accounts/login/`);
    await page.waitForURL(`${signet.baseUrl}/oidc/interaction/**`);
    await expect(page.getByLabel('Password').count()).resolves.toBe(1);
    expect(await page.getByRole('button', { name: /^Continue as/ }).count()).toBe(0);
  });

  it('offers "Continue as user2" to a browser logged in on Signet itself, and logs the app in with it', async () => {
    const page = await browser.newPage();
    await page.goto(`${signet.baseUrl}/login/`);
    await page.getByLabel('Username').fill('user2');
    await page.getByLabel('Password').fill('456');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await signetSays(page)).toContain('You are logged in as user2.');

    await page.goto(`${demoApp.url}/private/`);
    await page.waitForURL(`${signet.baseUrl}/oidc/interaction/**`);
    await page.getByRole('button', { name: 'Continue as user2' }).click();
    await page.waitForURL(`${demoApp.url}/private/`);
    expect(await text(page, 'main')).toContain('You are user2.');
  });

  it('npm run demo -- --protocol oidc: logs in to the demo app through Signet, and out of both', async () => {
    const demo = await startDemo({ protocol: 'oidc' });
    try {
      const page = await browser.newPage();
      await page.goto(`${demo.clientUrl}/`);
      await page.getByRole('link', { name: 'Log in' }).click();
      await page.waitForURL(`${demo.providerUrl}/oidc/interaction/**`);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill('123');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${demo.clientUrl}/`);
      expect(await text(page, 'h1')).toBe('Hello, admin');
      expect(await text(page, '#last-name')).toBe('Admin');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(`${demo.providerUrl}/oidc/session/end**`);
      await page.getByRole('button', { name: 'Log out', exact: true }).click();
      await page.waitForURL(`${demo.clientUrl}/`);
      expect(await page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
      await page.goto(`${demo.providerUrl}/`);
      expect(await text(page, 'main')).toContain('You are not logged in.');
    } finally {
      demo.kill();
    }
  });
});
