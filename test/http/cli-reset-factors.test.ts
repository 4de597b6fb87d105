import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { adminCall, adminClient, loggedIn } from '../support/admin-flow.js';
import { runCliCapturing, type CliRun } from '../support/cli-runner.js';
import { enrollFromAccount } from '../support/factor-flow.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const BASE_ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10' };

describe('user reset-factors, on a store and with --server', () => {
  let service: TestService;
  const clock = new FixedClock();

  beforeAll(async () => {
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  const remote = (argv: string[], env: Record<string, string> = {}): Promise<CliRun> =>
    runCliCapturing(['--server', service.baseUrl, 'user', 'reset-factors', ...argv], { ...BASE_ENV, ...env }, clock);
  const local = (argv: string[]): Promise<CliRun> => runCliCapturing(['user', 'reset-factors', ...argv], BASE_ENV, clock);

  it("removes a user's factors on a running Signet, ends their sessions, and is recorded as the admin key's", async () => {
    const user = await loggedIn(service.baseUrl, 'user1', '123');
    await enrollFromAccount(user, service.baseUrl, clock.now());

    expect(await remote(['user1'])).toEqual({
      status: 0,
      stdout: ['user1: removed 1 second factor and 0 passkeys, with the recovery codes; every session of theirs ended'],
      stderr: [],
    });
    expect((await user.fetch(`${service.baseUrl}/account/`)).status).toBe(303);
    const audit = await adminCall(
      adminClient(service.baseUrl, undefined, clock),
      'GET',
      '/admin/api/audit?action=user.reset-factors',
    );
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ via: 'admin-api', actor: `key ${DEMO_ADMIN_KEY.apiKey} (admin)`, target: 'user1' }),
    ]);
  });

  it('on a store acts as the command line (a superuser), and says the change ends with a memory store', async () => {
    expect(await local(['user2'])).toEqual({
      status: 0,
      stdout: ['user2: removed 0 second factors and 0 passkeys, with the recovery codes; every session of theirs ended'],
      stderr: ['note: STORE=memory lives in this process only; set STORE=mongo to keep changes'],
    });
  });

  it('refuses an admin key that is not a superuser’s, with the reason, and changes nothing', async () => {
    const made = await adminCall(adminClient(service.baseUrl, undefined, clock), 'POST', '/admin/api/keys', {
      entryPoints: ['POST /admin/api/users/:username/factors/reset'],
    });
    const user = await loggedIn(service.baseUrl, 'user2', '456');
    await enrollFromAccount(user, service.baseUrl, clock.now());
    const refused = await remote(['user2'], { SIGNET_ADMIN_KEY: made.body.apiKey, SIGNET_ADMIN_SECRET: made.body.secretKey });
    expect(refused).toEqual({ status: 1, stdout: [], stderr: ["signet: only a superuser may reset a user's second factors"] });
    expect((await user.fetch(`${service.baseUrl}/account/`)).status).toBe(200);
  });

  it('refuses an unknown user as on a store, and a missing or extra argument with the usage', async () => {
    const [onServer, onStore] = await Promise.all([remote(['ghost']), local(['ghost'])]);
    expect(onServer).toEqual({ status: 1, stdout: [], stderr: ['signet: no user named "ghost"'] });
    expect(onStore).toEqual(onServer);
    for (const argv of [[], ['user1', 'user2']]) {
      const run = await local(argv);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('usage: signet user reset-factors USERNAME');
    }
    expect((await runCliCapturing(['user', '--help'], BASE_ENV)).stdout.join('\n')).toContain(
      'signet user reset-factors USERNAME',
    );
  });
});
