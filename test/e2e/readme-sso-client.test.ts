import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { freePort } from '../support/free-port.js';
import { logInOnSsoPage } from '../support/sso-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

const root = new URL('../../', import.meta.url).pathname;
const HEADING = '## Add single sign-on to your Koa app';

/** The section of docs/sso.md on the SSO client, and the app in its ts block. */
async function readmeSection(): Promise<{ lines: number; app: string }> {
  const readme = await readFile(join(root, 'docs', 'sso.md'), 'utf8');
  const start = readme.indexOf(HEADING);
  const section = readme.slice(start, readme.indexOf('\n#', start + HEADING.length));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (start < 0 || !match) throw new Error('no ts block in the section of docs/sso.md on the SSO client');
  return { lines: section.trimEnd().split('\n').length, app: match[1]! };
}

describe('the Koa app with single sign-on of docs/sso.md, run as pasted', () => {
  let provider: TestService | undefined;
  let dir: string | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;
  let appUrl: string;
  let output = '';

  beforeAll(async () => {
    const service = await startTestService();
    provider = service;
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    // As the section says: the app's host gets a key of its own.
    const key = await service.runtime.cradle.addSsoHost.execute({ host: `127.0.0.1:${port}` });
    // Inside the repository, where `signet/sso-client` resolves as it does in an app that installed Signet.
    await mkdir(join(root, 'test-results'), { recursive: true });
    const appDir = await mkdtemp(join(root, 'test-results', 'readme-sso-client-'));
    dir = appDir;
    await writeFile(join(appDir, 'app.ts'), (await readmeSection()).app);
    const app = spawn(process.execPath, ['--import', 'tsx', 'app.ts'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SSO_URL: service.baseUrl,
        SSO_API_KEY: key.apiKey,
        SSO_SEC_KEY: key.secretKey,
        PORT: String(port),
      },
    });
    child = app;
    app.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (
        await fetch(appUrl).then(
          () => true,
          () => false,
        )
      )
        break;
      if (app.exitCode !== null || Date.now() > deadline) throw new Error(`the app of docs/sso.md did not start:\n${output}`);
      await sleep(100);
    }
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await provider?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is a section of under 30 lines', async () => {
    expect((await readmeSection()).lines).toBeLessThan(30);
  });

  it('greets a visitor, and sends one from its private page to the login route', async () => {
    expect(await (await fetch(`${appUrl}/`)).text()).toBe('Hello! Log in at /accounts/login/');
    const refused = await fetch(`${appUrl}/reports/`, { redirect: 'manual' });
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toBe('/accounts/login/?next=%2Freports%2F');
  });

  it('logs a browser in through the provider, and shows it the private page', async () => {
    const jar = new CookieJar();
    const started = await jar.fetch(`${appUrl}/accounts/login/?next=/reports/`);
    expect(started.status).toBe(302);
    expect(new URL(started.headers.get('location')!).searchParams.get('next')).toBe(`${appUrl}/accounts/sso/callback/`);
    const done = await logInOnSsoPage(jar, started.headers.get('location')!, 'user1', '123');
    const callback = await jar.fetch(done.headers.get('location')!);
    expect(callback.headers.get('location')).toBe('/reports/');
    expect(await (await jar.fetch(`${appUrl}/reports/`)).text()).toBe('Reports for user1@example.com');
    expect(await (await jar.fetch(`${appUrl}/`)).text()).toBe('Hello, user1');
  });
});
