import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCapturing, type CliRun } from '../support/cli-runner.js';
import { RICH_POLICY } from '../support/reader-policy-mother.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const BASE_ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10' };
const DEMO = ['db1', 'user_collection1'];

describe('the reader commands, on a store and on a running Signet', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  const local = (argv: string[]): Promise<CliRun> => runCliCapturing(argv, BASE_ENV);
  const both = async (argv: string[]): Promise<CliRun> => {
    const [onStore, onServer] = await Promise.all([
      local(argv),
      runCliCapturing(['--server', service.baseUrl, ...argv], BASE_ENV),
    ]);
    expect(onServer, argv.join(' ')).toEqual(onStore);
    return onStore;
  };

  it('prints the demo policy: where it comes from, the module, the limits, each rule', async () => {
    expect(await both(['reader', 'policy'])).toEqual({
      status: 0,
      stdout: [
        "rules:   the demo's policy (READER_POLICY is not set, and the demo runs)",
        'module:  none: the rules decide alone',
        'limits:  50 documents a find by default, 1000 at most; 5000 ms a query; 100000 rows an export; 1000 documents sampled for the field overview',
        '#  EFFECT  COMMANDS                  ON          WHO             TERMS  DESCRIPTION',
        '0  allow   find,count,status,export  db1.user_*  username user1  -      user1 reads the user collections',
        '1  allow   find,count,status,export  db1.user_*  staff           -      staff read the user collections',
        '2  allow   count                     db1.user_*  username user2  -      user2 may count them, not read them',
      ],
      stderr: [],
    });
  });

  it('says user1 may find, by rule 0, with the criteria as the source would run them', async () => {
    expect(await both(['reader', 'try', ...DEMO, '--user', 'user1', '--criteria', '{"disable": true}'])).toEqual({
      status: 0,
      stdout: [
        'allowed',
        'as:            user1',
        'query:         find on db1.user_collection1',
        'criteria:      {"disable":true}',
        'rules:         rule 0 allows it',
        'rule 0:        allow every command on db1.user_* for username user1 (user1 reads the user collections)',
        'module:        none set',
        'criteria run:  {"disable":true}',
      ],
      stderr: [],
    });
  });

  it('says user2 may count, not find, and exits 0 either way', async () => {
    expect((await both(['reader', 'try', ...DEMO, '--user', 'user2', '--command', 'count'])).stdout[0]).toBe('allowed');
    expect(await both(['reader', 'try', ...DEMO, '--user', 'user2'])).toEqual({
      status: 0,
      stdout: [
        'refused by the rules: permission disallowed',
        'as:        user2',
        'query:     find on db1.user_collection1',
        'criteria:  {}',
        'rules:     no rule matches: refused',
        'module:    none set',
      ],
      stderr: [],
    });
  });

  it('names the operator it refuses, and a collection outside the policy', async () => {
    const where = await both(['reader', 'try', ...DEMO, '--user', 'user1', '--criteria', '{"$where": "1"}']);
    expect(where.stdout.slice(0, 4)).toEqual([
      'refused by the request itself (its names or its criteria), before any rule: operator not allowed: $where',
      'as:        user1',
      'query:     find on db1.user_collection1',
      'criteria:  refused: operator not allowed: $where',
    ]);
    const outside = await both(['reader', 'try', 'db1', 'orders', '--no-user', '--command', 'status']);
    expect(outside.stdout).toEqual([
      'refused by the rules: permission disallowed',
      'as:        an API key bound to no user',
      'query:     status on db1.orders',
      'criteria:  none: a status takes none',
      'rules:     no rule matches: refused',
      'module:    none set',
    ]);
  });

  it('refuses an unknown user or command as the admin API does, and bad arguments with the usage', async () => {
    expect(await both(['reader', 'try', ...DEMO, '--user', 'ghost'])).toEqual({
      status: 1,
      stdout: [],
      stderr: ['signet: no user named "ghost"'],
    });
    expect((await both(['reader', 'try', ...DEMO, '--user', 'user1', '--command', 'drop'])).stderr).toEqual([
      'signet: command: is one of find, count, status, export',
    ]);
    for (const argv of [
      ['reader', 'try', ...DEMO],
      ['reader', 'try', ...DEMO, '--user', 'user1', '--no-user'],
      ['reader', 'try', 'db1', '--user', 'user1'],
      ['reader', 'try', ...DEMO, '--user', 'user2', '--user', 'user1'],
      ['reader', 'try', ...DEMO, '--no-user', '--criteria', '{}', '--criteria', '{"$where": "1"}'],
      ['reader', 'policy', 'extra'],
      ['reader', 'drop'],
    ]) {
      const run = await local(argv);
      expect(run.status, argv.join(' ')).toBe(2);
      expect(run.stderr.join('\n'), argv.join(' ')).toMatch(/^usage: signet reader /m);
    }
  });

  it('is in the help', async () => {
    expect((await local(['--help'])).stdout.join('\n')).toContain('reader try DATABASE COLLECTION (--user USER | --no-user)');
    expect((await local(['reader', '--help'])).stdout.join('\n').split('\n')).toEqual([
      'usage: signet reader policy',
      '       signet reader try DATABASE COLLECTION (--user USER | --no-user) [--command find|count|status|export] [--criteria JSON]',
    ]);
  });
});

describe('the reader commands with a policy file and a module', () => {
  let dir: string;
  let service: TestService;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signet-cli-reader-'));
    await writeFile(join(dir, 'policy.json'), JSON.stringify(RICH_POLICY));
    await writeFile(
      join(dir, 'check.mjs'),
      "export default (user, query) => query.command !== 'export' || 'exports are for staff';\n",
    );
    env = { ...BASE_ENV, READER_POLICY: join(dir, 'policy.json'), READER_POLICY_MODULE: join(dir, 'check.mjs') };
    service = await startTestService({ config: testConfig(env) });
  });
  afterAll(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the file, the module and every kind of rule, the same on the store and on the server', async () => {
    const [onStore, onServer] = await Promise.all([
      runCliCapturing(['reader', 'policy'], env),
      runCliCapturing(['--server', service.baseUrl, 'reader', 'policy'], BASE_ENV),
    ]);
    expect(onServer).toEqual(onStore);
    expect(onStore.stdout.slice(0, 2)).toEqual([
      `rules:   the file ${join(dir, 'policy.json')} (READER_POLICY)`,
      `module:  ${join(dir, 'check.mjs')} (READER_POLICY_MODULE), after the rules`,
    ]);
    expect(onStore.stdout.slice(3).map((line) => line.replace(/ {2,}/g, ' | '))).toEqual([
      '# | EFFECT | COMMANDS | ON | WHO | TERMS | DESCRIPTION',
      '0 | deny | find,count,status,export | *.payroll | anyone (an API key bound to no user too) | - | no one reads the salaries',
      '1 | allow | find,count,status | db1.people | department = "Research" | pins department to "$user.department" | research reads its own people',
      '2 | allow | find,count,status,export | db1.badges | username user2 | pins team to "$user.team" | -',
      '3 | allow | find,count,status,export | db1.user_* | username user1 or admin and not staff | hides lastlogin; at most 20 documents a query | user1 reads the user collections, not the logins',
      '4 | allow | find,count,status,export | db?.* | staff | - | -',
    ]);
  });

  it('gives the module’s answer once the rules allow', async () => {
    const run = await runCliCapturing(
      ['reader', 'try', 'db1', 'user_collection1', '--user', 'user1', '--command', 'export'],
      env,
    );
    expect(run.stdout[0]).toBe('refused by the module (READER_POLICY_MODULE): permission disallowed: exports are for staff');
    expect(run.stdout).toContainEqual(
      expect.stringMatching(/^module: +refuses it: permission disallowed: exports are for staff$/),
    );
  });
});
