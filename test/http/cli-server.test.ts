import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { runCliCapturing, type CliRun } from '../support/cli-runner.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const BASE_ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10' };

describe('the command line with --server, against a running Signet on memory adapters', () => {
  let service: TestService;
  let clock: FixedClock;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  const remote = (argv: string[], env: Record<string, string> = {}): Promise<CliRun> =>
    runCliCapturing(['--server', service.baseUrl, ...argv], { ...BASE_ENV, ...env }, clock);
  const local = (argv: string[]): Promise<CliRun> => runCliCapturing(argv, BASE_ENV, clock);
  const pairOf = (run: CliRun) => ({
    apiKey: /API key: (\w+)/.exec(run.stdout.join('\n'))![1]!,
    secretKey: /SEC key: (\w+)/.exec(run.stdout.join('\n'))![1]!,
  });

  it('makes a key that works at once against that server', async () => {
    const run = await remote(['key', 'create', '--api', 'GET /api/hello/']);
    expect(run.status).toBe(0);
    expect(run.stderr).toEqual(['The SEC key is shown this once: keep it now.']);
    const { apiKey, secretKey } = pairOf(run);
    const client = new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, now: () => clock.now() });
    expect(await (await client.get('/api/hello/')).json()).toEqual({ hello: 'world', user: null });
  });

  it('takes the server from SIGNET_URL as well', async () => {
    const run = await runCliCapturing(['key', 'show', DEMO_API_KEY.apiKey], { ...BASE_ENV, SIGNET_URL: service.baseUrl }, clock);
    expect(run).toMatchObject({ status: 0, stdout: expect.arrayContaining([expect.stringMatching(/^note: +demo key/)]) });
  });

  it('prints what it prints on a store (the demo is seeded at another time there)', async () => {
    const timeless = (run: CliRun) => ({
      ...run,
      stdout: run.stdout.map((line) => line.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'TIME')),
    });
    for (const argv of [
      ['key', 'entrypoints'],
      ['reload-entrypoints'],
      ['sso', 'list'],
      ['key', 'show', DEMO_API_KEY.apiKey],
      ['user', 'list'],
    ]) {
      const [onServer, onStore] = await Promise.all([remote(argv), local(argv)]);
      expect(timeless(onServer), argv.join(' ')).toEqual(timeless(onStore));
    }
  });

  it('refuses as it refuses on a store, with the same message and status', async () => {
    for (const argv of [
      ['key', 'revoke', 'ffffffffffffffff'],
      ['key', 'create', '--user', 'ghost'],
      ['key', 'allow', DEMO_API_KEY.apiKey, 'GET /nowhere/'],
      ['key', 'rotate', DEMO_API_KEY.apiKey, '--grace', '30s'],
      ['key', 'create', '--expires', '2001-01-01'],
      ['sso', 'remove', 'nowhere.example'],
      ['user', 'set-flags', 'ghost', '--staff'],
    ]) {
      const [onServer, onStore] = await Promise.all([remote(argv), local(argv)]);
      expect(onServer.status, argv.join(' ')).toBe(1);
      expect(onServer, argv.join(' ')).toEqual(onStore);
    }
  });

  it('does every change through the admin API, recorded as made by the admin key', async () => {
    const created = pairOf(await remote(['key', 'create', '--note', 'via the CLI']));
    expect((await remote(['key', 'update', created.apiKey, '--api', 'GET /api/hello/', '--rate-limit', '10'])).status).toBe(0);
    expect((await remote(['key', 'disable', created.apiKey])).stdout).toEqual([`disabled ${created.apiKey}`]);
    expect((await remote(['key', 'enable', created.apiKey])).stdout).toEqual([`enabled ${created.apiKey}`]);
    const rotated = await remote(['key', 'rotate', created.apiKey, '--grace', '15m']);
    expect(rotated.stdout[2]).toBe('previous SEC key works until 2026-11-28T12:15:00Z (15 minutes)');
    expect((await remote(['key', 'revoke', created.apiKey])).stdout).toEqual([`revoked ${created.apiKey}`]);
    const audit = await remote(['audit', 'list', '--target', created.apiKey]);
    expect(audit.stdout.slice(1).map((line) => line.split(/\s{2,}/)[4])).toEqual([
      'key.revoke',
      'key.rotate',
      'key.enable',
      'key.disable',
      'key.update',
      'key.create',
    ]);
    expect(audit.stdout.slice(1).every((line) => line.includes('key ad417e5c (admin)') && line.includes('admin-api'))).toBe(true);
    expect(audit.stdout.join('\n')).not.toContain(created.secretKey);
  });

  it('manages users, reading a password from SIGNET_PASSWORD', async () => {
    expect(
      await remote(['user', 'create', 'dora', '--email', 'dora@example.com'], { SIGNET_PASSWORD: 'explorer-1234' }),
    ).toMatchObject({
      status: 0,
      stdout: ['created user dora'],
    });
    expect(await remote(['user', 'set-flags', 'dora', '--staff'])).toMatchObject({ stdout: ['dora: staff yes, active yes'] });
    expect(await remote(['user', 'set-password', 'dora'])).toMatchObject({
      status: 2,
      stderr: expect.arrayContaining(['signet: give the password in SIGNET_PASSWORD (or --password)']),
    });
  });

  it('shows refused requests summed per key and reason', async () => {
    const wrong = new SignetClient({
      baseUrl: service.baseUrl,
      apiKey: DEMO_API_KEY.apiKey,
      secretKey: 'nope',
      now: () => clock.now(),
    });
    await wrong.get('/api/hello/');
    const run = await remote(['audit', 'failures', '--key', DEMO_API_KEY.apiKey]);
    expect(run.stdout[1]).toMatch(/^483a570a +signature error +1 /);
  });

  it('says when the admin key may not use the admin API', async () => {
    const run = await remote(['key', 'list'], {
      SIGNET_ADMIN_KEY: DEMO_API_KEY.apiKey,
      SIGNET_ADMIN_SECRET: DEMO_API_KEY.secretKey,
    });
    expect(run).toMatchObject({ status: 1, stderr: ['signet: entry point not allowed for the API key'] });
  });

  it('needs an admin key in production, where there is no demo one', async () => {
    const run = await remote(['key', 'list'], { NODE_ENV: 'production' });
    expect(run.status).toBe(2);
    expect(run.stderr.join('\n')).toContain('SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET: required with --server in production');
  });

  it('says when the server cannot be reached, or is not a URL', async () => {
    const unreachable = await runCliCapturing(['--server', 'http://127.0.0.1:9', 'key', 'list'], BASE_ENV);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr[0]).toMatch(/^signet: cannot reach Signet at http:\/\/127\.0\.0\.1:9: /);
    expect((await runCliCapturing(['--server', 'ftp://x', 'key', 'list'], BASE_ENV)).status).toBe(2);
    expect((await runCliCapturing(['--server'], BASE_ENV)).status).toBe(2);
  });
});
