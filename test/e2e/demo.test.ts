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
});
