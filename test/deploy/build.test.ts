import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignet, type SignetProcess } from '../support/signet-process.js';
import { jsClientUrl } from '../support/v1-reference-clients.js';

const root = new URL('../../', import.meta.url).pathname;

/**
 * `npm run build` as the Dockerfile runs it, into a directory laid out as the image is (package.json,
 * scripts/start.js and dist/ side by side), inside the repository so that node_modules is found.
 */
describe('the compiled JavaScript', () => {
  let app: string;
  let signet: SignetProcess | undefined;

  beforeAll(() => {
    app = mkdtempSync(join(root, '.test-build-'));
    const built = spawnSync(process.execPath, ['scripts/build.js', '--out-dir', join(app, 'dist')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}\n${built.stderr}`);
    mkdirSync(join(app, 'scripts'));
    copyFileSync(join(root, 'scripts/start.js'), join(app, 'scripts/start.js'));
    copyFileSync(join(root, 'package.json'), join(app, 'package.json'));
  }, 120_000);
  afterAll(() => {
    signet?.child.kill('SIGKILL');
    rmSync(app, { recursive: true, force: true });
  });

  it('carries the templates and assets beside the compiled modules', () => {
    for (const file of [
      'main.js',
      'cli.js',
      'adapters/http/views/layout.njk',
      'adapters/http/views/sso/login.njk',
      'adapters/http/assets/signet.css',
    ]) {
      expect(existsSync(join(app, 'dist', file)), file).toBe(true);
    }
  });

  it('serves in production as `npm start` runs it, pages included, and stops cleanly', async () => {
    signet = startSignet(
      {
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        SESSION_SECRET: 'a-production-secret-of-enough-length-000',
        SIGNET_MASTER_KEY: '56'.repeat(32),
      },
      [join(app, 'scripts/start.js')],
    );
    const baseUrl = await signet.listening();
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
    const page = await fetch(`${baseUrl}/login/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
    expect((await fetch(`${baseUrl}/assets/signet.css`)).status).toBe(200);
    // Production seeds no demo key.
    const signed = await fetch(`${baseUrl}${jsClientUrl('/api/hello/', '483a570a', 'd7228d70cd7f456d9bfdc35ed8fee375')}`);
    expect(await signed.json()).toEqual({ error: 'signature error' });
    signet.child.kill('SIGTERM');
    expect(await signet.exit).toBe(0);
    expect(signet.stderr()).not.toContain('tsx');
  });

  it('answers the command line from the compiled code', () => {
    const run = spawnSync(process.execPath, [join(app, 'dist/cli.js'), '--version'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toMatch(/^signet \d+\.\d+\.\d+$/);
  });

  it('refuses to start in production before a build, saying what to run', () => {
    const empty = mkdtempSync(join(root, '.test-build-'));
    try {
      mkdirSync(join(empty, 'scripts'));
      copyFileSync(join(root, 'scripts/start.js'), join(empty, 'scripts/start.js'));
      const run = spawnSync(process.execPath, [join(empty, 'scripts/start.js')], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('run `npm run build` first');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
