import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../support/demo-process.js';

describe('npm run demo', () => {
  let demo: RunningDemo | undefined;
  afterEach(() => {
    demo?.kill();
    demo = undefined;
  });

  it('starts the provider and the client app, prints both URLs, and stops both on Ctrl-C', async () => {
    demo = await startDemo();
    expect(demo.stdout()).toContain(`provider (Signet):  ${demo.providerUrl}`);
    expect(demo.stdout()).toContain(`client app:         ${demo.clientUrl}`);
    // On a port other than 8000 the demo registers an SSO host for it.
    expect(demo.stdout()).toContain(`for localhost:${demo.clientPort}`);

    const home = await fetch(`${demo.clientUrl}/`);
    expect(await home.text()).toContain('>Log in</a>');
    const login = await fetch(`${demo.clientUrl}/accounts/login/`, { redirect: 'manual' });
    expect(login.headers.get('location')).toMatch(new RegExp(`^${demo.providerUrl}/sso/login/\\?api_key=`));

    expect(await demo.interrupt()).toBe(0);
    for (const url of [demo.providerUrl, demo.clientUrl]) {
      await expect(fetch(url)).rejects.toThrow();
    }
    expect(demo.stderr()).not.toMatch(/error/i);
  });

  it('with --protocol oidc, makes the app an OpenID client of Signet (a client registered for its port), and stops both on Ctrl-C', async () => {
    demo = await startDemo({ protocol: 'oidc' });
    expect(demo.stdout()).toContain('Signet single sign-on demo (OpenID Connect)');
    expect(demo.stdout()).toContain(
      `client app:         ${demo.clientUrl}   OpenID client demo-oidc-${demo.clientPort} for ${demo.clientUrl}/oidc/callback`,
    );

    const login = await fetch(`${demo.clientUrl}/accounts/login/`, { redirect: 'manual' });
    const authorization = new URL(login.headers.get('location') ?? '');
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${demo.providerUrl}/oidc/auth`);
    expect(authorization.searchParams.get('client_id')).toBe(`demo-oidc-${demo.clientPort}`);
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${demo.clientUrl}/oidc/callback`);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    // Signet names itself by the address the demo prints: the issuer the app discovered.
    const discovery = await fetch(`${demo.providerUrl}/oidc/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(`${demo.providerUrl}/oidc`);

    expect(await demo.interrupt()).toBe(0);
    expect(demo.stderr()).not.toMatch(/error/i);
  });

  it('refuses a --protocol it does not know, naming the two it does', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/sso-client/demo.ts', '--protocol', 'saml'], {
      cwd: new URL('../../', import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toContain('--protocol accepts dj-sso or oidc, got "saml"');
  });

  it('stops the example app at start-up naming every missing setting when its environment has none', async () => {
    const app = spawn(process.execPath, ['--import', 'tsx', 'examples/sso-client/main.ts'], {
      cwd: new URL('../../', import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0' },
    });
    let stderr = '';
    app.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => app.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('The demo app cannot start:');
    for (const variable of ['SSO_URL (option url)', 'SSO_API_KEY (option apiKey)', 'SSO_SEC_KEY (option secretKey)']) {
      expect(stderr).toContain(`${variable}: is required`);
    }
  });
});
