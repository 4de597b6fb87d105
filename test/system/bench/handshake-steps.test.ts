import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

describe('bench/handshake-steps.ts', () => {
  let build: string;
  beforeAll(() => {
    // A build of its own, so that it never races another test for .bench-build/.
    build = mkdtempSync(join(root, '.test-build-steps-'));
    const built = spawnSync(process.execPath, ['scripts/build.js', '--out-dir', join(build, 'dist')], { cwd: root });
    expect(built.status).toBe(0);
    // The compiled modules read Signet's version from the package.json beside their folder.
    symlinkSync(join(root, 'package.json'), join(build, 'package.json'));
  });
  afterAll(() => rmSync(build, { recursive: true, force: true }));

  it('measures each step of the handshake beside an unprotected request, and their ratio', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/handshake-steps.ts', '--build', build, '--rounds', '1', '--requests', '40'],
      { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    for (const step of ['unprotected', 'request token', 'login page', 'continue', 'redemption']) {
      expect(stdout).toMatch(new RegExp(`^  ${step} +\\d+ µs$`, 'm'));
    }
    expect(stdout).toMatch(/the four steps against one unprotected request: \d+\.\d\dx/);
  });
});
