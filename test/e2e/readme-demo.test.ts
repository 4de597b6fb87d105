import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const root = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');

/** The sh block of the README's demo that follows "With `npm start` running". */
function demoBlock(): string {
  const start = readme.indexOf('With `npm start` running, in a second terminal:');
  const block = /```sh\n([\s\S]*?)\n```/.exec(readme.slice(start))?.[1];
  if (start < 0 || block === undefined) throw new Error('no demo block after "With `npm start` running" in the README');
  return block;
}

describe("the README's demo, run as pasted beside a running Signet on the memory store", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ config: { ...testConfig(), demo: true } });
  });
  afterAll(() => service.close());

  it('signs a call, and makes a key on the running Signet that its audit log then lists', { timeout: 120_000 }, async () => {
    // The one change: the server is this test's, on its own port, as `npm start` would be on 3000.
    const script = ['set -euo pipefail', demoBlock().replaceAll('http://localhost:3000', service.baseUrl)].join('\n');
    const { stdout, stderr } = await promisify(execFile)('bash', ['-c', script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: new URL(service.baseUrl).port },
    });
    expect(stdout).toContain('{"hello":"world","user":null}');
    const apiKey = /API key: +(\w+)/.exec(stdout)?.[1];
    expect(apiKey).toBeDefined();
    expect(stdout).toMatch(new RegExp(`^${apiKey} .* my first key$`, 'm'));
    expect(stdout).toMatch(new RegExp(`key\\.create.*${apiKey}`));
    expect(stderr).toContain(`note: a Signet answers on http://127.0.0.1:${new URL(service.baseUrl).port} on the memory store`);

    const listed = await service.runtime.cradle.credentialStore.findByApiKey(apiKey ?? '');
    expect(listed?.note).toBe('my first key');
  });
});
