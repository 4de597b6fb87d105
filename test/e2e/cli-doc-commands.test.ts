import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const root = new URL('../../', import.meta.url).pathname;

/** The first sh block under `heading` in `page`. */
function firstBlock(page: string, heading: string): string {
  const text = readFileSync(`${root}${page}`, 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  const block = /```sh\n([\s\S]*?)\n```/.exec(text.slice(start))?.[1];
  if (start < 0 || block === undefined) throw new Error(`no sh block under "${heading}" in ${page}`);
  return block;
}

/**
 * The command-line examples of the docs, run as pasted in a second terminal beside a Signet on the
 * memory store (as `npm start` runs it): each command must succeed, on that Signet.
 */
describe('the command-line examples of the docs, run as pasted beside a running Signet', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ config: { ...testConfig(), demo: true } });
  });
  afterAll(() => service.close());

  const bash = async (block: string): Promise<{ stdout: string; stderr: string }> =>
    promisify(execFile)(
      'bash',
      ['-c', ['set -euo pipefail', block.replaceAll('http://localhost:3000', service.baseUrl)].join('\n')],
      {
        cwd: root,
        // The one change: the server is this test's, on its own port, as `npm start` would be on 3000.
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: new URL(service.baseUrl).port },
      },
    );

  it('docs/admin-api.md: every command of "The command line" succeeds, on the running Signet', { timeout: 180_000 }, async () => {
    const { stdout, stderr } = await bash(firstBlock('docs/admin-api.md', '## The command line'));
    expect(stdout).toContain("Signet's command line");
    expect(stdout).toMatch(/^signet \d+\.\d+\.\d+$/m);
    expect(stdout).toContain('revoked 483a570a');
    expect(stdout).toContain('carol: removed 0 second factors and 0 passkeys');
    expect(stderr).toContain(`note: a Signet answers on http://127.0.0.1:${new URL(service.baseUrl).port} on the memory store`);
    const revoked = await service.runtime.cradle.credentialStore.findByApiKey('483a570a');
    expect(revoked?.revoked).toBe(true);
    expect(await service.runtime.cradle.userDirectory.findByUsername('carol')).toMatchObject({ isStaff: true });
  });

  it(
    'docs/sso.md: adding, listing and removing an SSO client host succeeds, on the running Signet',
    { timeout: 60_000 },
    async () => {
      const { stdout } = await bash(firstBlock('docs/sso.md', '## SSO client apps'));
      expect(stdout).toMatch(/wiki\.example\.com/);
      expect(stdout).toMatch(/API key: +\w+/);
    },
  );

  it(
    'docs/oidc.md: registering, changing, rotating the secret of, disabling and removing a client succeeds, on the running Signet',
    { timeout: 120_000 },
    async () => {
      const { stdout, stderr } = await bash(firstBlock('docs/oidc.md', '## Registering a client'));
      expect(stdout).toContain('client id:     grafana');
      expect(stdout).toMatch(/client secret: [\w-]{43}/);
      expect(stdout).toContain('updated grafana');
      expect(stdout).toContain('first-party:   yes');
      expect(stdout).toContain('removed grafana');
      expect(stderr).toContain('shown this once');
      expect(await service.runtime.cradle.oidcClientStore.find('grafana')).toBeNull();
    },
  );

  it('docs/oidc.md: listing and rotating the signing keys succeeds, on the running Signet', { timeout: 60_000 }, async () => {
    const { stdout } = await bash(firstBlock('docs/oidc.md', '## Rotating the signing keys'));
    expect(stdout.match(/ pending /g)).toHaveLength(2);
    expect(stdout.match(/ signing /g)?.length).toBeGreaterThanOrEqual(2);
    expect((await service.runtime.cradle.signingKeyStore.list()).length).toBe(4);
  });

  it(
    'docs/oidc.md: listing the apps of the migration meter and showing one succeeds, on the running Signet',
    { timeout: 60_000 },
    async () => {
      const { stdout } = await bash(firstBlock('docs/oidc.md', '## The migration meter'));
      expect(stdout).toMatch(/^APP\s+STAGE\s+DJ-SSO LOGINS/m);
      expect(stdout).toMatch(/^localhost:8000\s+no logins\s+0\s+0\s/m);
      expect(stdout).toContain('app:           localhost:8000');
      expect(stdout).toContain('oidc clients:  demo-oidc');
    },
  );
});
