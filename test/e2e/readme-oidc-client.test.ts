import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OIDC_CLIENT } from '../../src/application/demo/demo-data.js';
import { freePort } from '../support/free-port.js';
import { CookieJar, logInThroughOidc, startOidcService } from '../support/oidc-flow.js';
import type { TestService } from '../support/test-service.js';

const root = new URL('../../', import.meta.url).pathname;

/** The text of docs/sso.md from `heading` to the next heading. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(heading);
  if (start < 0) throw new Error(`no "${heading}" in docs/sso.md`);
  const end = doc.indexOf('\n#', start + heading.length);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** The app of "Add single sign-on to your Koa app", and the variables of the line that runs it over OpenID Connect. */
async function documented(): Promise<{ app: string; variables: Map<string, string>; command: string }> {
  const doc = await readFile(join(root, 'docs', 'sso.md'), 'utf8');
  const app = /```ts\n([\s\S]*?)```/.exec(section(doc, '## Add single sign-on to your Koa app'))?.[1];
  const line = /```sh\n([^\n]*)\n```/.exec(section(doc, '## The same app over OpenID Connect'))?.[1];
  if (app === undefined || line === undefined) throw new Error('docs/sso.md lacks the app or the OpenID line');
  const words = line.split(' ');
  const assignments = words.filter((word) => /^SSO_[A-Z_]+=/.test(word));
  const variables = new Map(assignments.map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]));
  return { app, variables, command: words.filter((word) => !assignments.includes(word)).join(' ') };
}

describe('the Koa app of docs/sso.md over OpenID Connect, with the variables of its line', () => {
  let signet: TestService | undefined;
  let dir: string | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;
  let appUrl: string;
  let output = '';

  beforeAll(async () => {
    const service = await startOidcService();
    signet = service;
    const { app, variables } = await documented();
    const port = await freePort();
    appUrl = `http://localhost:${port}`;
    // The one change to the line: the demo client is for localhost:8000, so this app gets one of its own.
    const { client, secret } = await service.runtime.cradle.createOidcClient.execute({
      name: 'docs app',
      redirectUris: [`${appUrl}/oidc/callback`],
      firstParty: true,
    });
    await mkdir(join(root, 'test-results'), { recursive: true });
    const appDir = await mkdtemp(join(root, 'test-results', 'readme-oidc-client-'));
    dir = appDir;
    await writeFile(join(appDir, 'app.ts'), app);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port) };
    for (const [name, value] of variables) env[name] = value.replaceAll('http://localhost:3000', service.baseUrl);
    Object.assign(env, { SSO_CLIENT_ID: client.clientId, SSO_CLIENT_SECRET: secret ?? '', SSO_APP_URL: appUrl });
    const started = spawn(process.execPath, ['--import', 'tsx', 'app.ts'], { cwd: appDir, env });
    child = started;
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (
        await fetch(appUrl).then(
          () => true,
          () => false,
        )
      )
        break;
      if (started.exitCode !== null || Date.now() > deadline) throw new Error(`the app did not start:\n${output}`);
      await sleep(100);
    }
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await signet?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is the same app, run with the demo client of Signet over OpenID Connect', async () => {
    const { variables, command } = await documented();
    expect(Object.fromEntries(variables)).toEqual({
      SSO_PROTOCOL: 'oidc',
      SSO_URL: 'http://localhost:3000/oidc',
      SSO_CLIENT_ID: DEMO_OIDC_CLIENT.clientId,
      SSO_CLIENT_SECRET: DEMO_OIDC_CLIENT.secret,
      SSO_APP_URL: new URL(DEMO_OIDC_CLIENT.redirectUris[0]).origin,
    });
    expect(command).toBe('npx tsx app.ts');
  });

  it('logs a browser in through Signet with PKCE, and shows it the private page', async () => {
    const jar = new CookieJar();
    const started = await jar.fetch(`${appUrl}/accounts/login/?next=/reports/`);
    expect(started.status).toBe(302);
    const authorization = new URL(started.headers.get('location') ?? '');
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${appUrl}/oidc/callback`);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    const callback = await logInThroughOidc(jar, authorization, 'user1', '123');
    const done = await jar.fetch(callback.href);
    expect(done.headers.get('location')).toBe('/reports/');
    expect(await (await jar.fetch(`${appUrl}/reports/`)).text()).toBe('Reports for user1@example.com');
    expect(await (await jar.fetch(`${appUrl}/`)).text()).toBe('Hello, user1');
  });
});
