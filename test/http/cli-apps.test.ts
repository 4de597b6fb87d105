import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SSO_HOST } from '../../src/application/demo/demo-data.js';
import { ssoLogin } from '../support/app-meter-flow.js';
import { runCliCapturing, type CliRun } from '../support/cli-runner.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const BASE_ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10' };
const HEADER = /^APP\s+STAGE\s+DJ-SSO LOGINS\s+OIDC LOGINS\s+LAST DJ-SSO\s+LAST OIDC\s+SSO KEYS\s+OIDC CLIENTS$/;

describe('app list and app show: the migration meter on the command line', () => {
  let service: TestService;
  const clock = new FixedClock();

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  const remote = (argv: string[]): Promise<CliRun> =>
    runCliCapturing(['--server', service.baseUrl, 'app', ...argv], BASE_ENV, clock);
  const local = (argv: string[]): Promise<CliRun> => runCliCapturing(['app', ...argv], BASE_ENV, clock);

  it('lists the apps as on a store before any login, the demo app among them', async () => {
    const [onServer, onStore] = await Promise.all([remote(['list']), local(['list'])]);
    expect(onServer).toEqual(onStore);
    expect(onServer.status).toBe(0);
    expect(onServer.stdout[0]).toMatch(HEADER);
    expect(onServer.stdout).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${DEMO_SSO_HOST.host}\\s+no logins\\s+0\\s+0\\s+never\\s+never\\s+${DEMO_SSO_HOST.apiKey}\\s+demo-oidc$`),
      ),
    );
  });

  it("counts a dj-sso login, and shows the app's days and the users still on dj-sso", async () => {
    await ssoLogin(service.baseUrl, 'user1', '123', clock);
    await expect.poll(async () => (await remote(['show', DEMO_SSO_HOST.host])).stdout[1]).toBe('stage:         dj-sso only');
    const shown = await remote(['show', DEMO_SSO_HOST.host]);
    const today = new Date(clock.now()).toISOString().slice(0, 10);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toEqual([
      `app:           ${DEMO_SSO_HOST.host}`,
      'stage:         dj-sso only',
      'logins:        dj-sso 1, oidc 0 (last 30 days)',
      expect.stringMatching(/^last dj-sso: {3}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      'last oidc:     never',
      `sso keys:      ${DEMO_SSO_HOST.apiKey}`,
      'oidc clients:  demo-oidc',
      '',
      'DAY         DJ-SSO  OIDC',
      `${today}  1       0`,
      '',
      'STILL ON DJ-SSO  LOGINS  LAST DAY',
      `user1            1       ${today}`,
    ]);
    const listed = await remote(['list', '--search', DEMO_SSO_HOST.host]);
    expect(listed.stdout[1]).toMatch(new RegExp(`^${DEMO_SSO_HOST.host}\\s+dj-sso only\\s+1\\s+0\\s+\\d{4}-`));
  });

  it('pages the list as key list does, and says when nothing matches', async () => {
    // The columns' widths follow the rows shown: compare the apps, the first column.
    const apps = (run: CliRun) => run.stdout.slice(1).map((line) => line.split(/\s{2,}/)[0]);
    const all = await remote(['list']);
    const total = all.stdout.length - 1;
    expect(total).toBeGreaterThanOrEqual(2);
    const first = await remote(['list', '--limit', '1']);
    expect(first.stdout[0]).toMatch(HEADER);
    expect(apps(first)).toEqual(apps(all).slice(0, 1));
    const cursor = /--after (\S+)$/.exec(first.stderr[0] ?? '')?.[1];
    expect(first.stderr).toEqual([`1 of ${total} apps; for the next page add --after ${cursor}`]);
    const second = await remote(['list', '--limit', '1', '--after', cursor!]);
    expect(apps(second)).toEqual(apps(all).slice(1, 2));
    expect(await remote(['list', '--search', 'nowhere.example'])).toEqual({
      status: 0,
      stdout: ['no apps matching "nowhere.example"'],
      stderr: [],
    });
  });

  it('refuses what the admin API refuses, as on a store, and bad arguments with the usage', async () => {
    for (const argv of [
      ['show', 'nowhere.example'],
      ['show', 'http://localhost:8000/'],
      ['list', '--limit', '0'],
    ]) {
      const [onServer, onStore] = await Promise.all([remote(argv), local(argv)]);
      expect(onServer.status, argv.join(' ')).toBe(1);
      expect(onServer, argv.join(' ')).toEqual(onStore);
    }
    expect((await local(['show'])).status).toBe(2);
    expect((await local(['list', 'extra'])).status).toBe(2);
    const usage = (await local(['--help'])).stdout.join('\n');
    expect(usage).toContain('signet app list [--search TEXT] [--limit N] [--after CURSOR]');
    expect(usage).toContain('signet app show HOST');
    expect((await runCliCapturing(['--help'], BASE_ENV)).stdout.join('\n')).toContain('app show HOST');
  });
});
