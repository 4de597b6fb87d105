import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { runCliCapturing, type CliRun } from '../support/cli-runner.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** Every entry point the routes declare: the demo APIs, the SSO APIs and the admin API, in code point order. */
const DECLARED_ENTRY_POINTS = [
  'DELETE /admin/api/oidc-clients/:clientId',
  'DELETE /admin/api/sso-hosts/:host',
  'GET /admin/api/apps',
  'GET /admin/api/apps/:host',
  'GET /admin/api/audit',
  'GET /admin/api/audit/failures',
  'GET /admin/api/entry-points',
  'GET /admin/api/keys',
  'GET /admin/api/keys/:apiKey',
  'GET /admin/api/oidc-clients',
  'GET /admin/api/oidc-clients/:clientId',
  'GET /admin/api/oidc-keys',
  'GET /admin/api/reader/policy',
  'GET /admin/api/reader/try',
  'GET /admin/api/sso-hosts',
  'GET /admin/api/users',
  'GET /api/goodbye/',
  'GET /api/hello/',
  'GET /mongo/:db/:col/_count',
  'GET /mongo/:db/:col/_explain',
  'GET /mongo/:db/:col/_find',
  'GET /mongo/:db/:col/_overview',
  'GET /mongo/:db/:col/_status',
  'GET /mongo/:db/:col/exportcsv/',
  'GET /mongo/_collections',
  'GET /sso/authtoken/',
  'GET /sso/reqeusttoken/',
  'GET /sso/requesttoken/',
  'PATCH /admin/api/keys/:apiKey',
  'PATCH /admin/api/oidc-clients/:clientId',
  'PATCH /admin/api/users/:username',
  'POST /admin/api/entry-points/reload',
  'POST /admin/api/keys',
  'POST /admin/api/keys/:apiKey/disable',
  'POST /admin/api/keys/:apiKey/enable',
  'POST /admin/api/keys/:apiKey/entry-points',
  'POST /admin/api/keys/:apiKey/revoke',
  'POST /admin/api/keys/:apiKey/rotate',
  'POST /admin/api/oidc-clients',
  'POST /admin/api/oidc-clients/:clientId/disable',
  'POST /admin/api/oidc-clients/:clientId/enable',
  'POST /admin/api/oidc-clients/:clientId/rotate-secret',
  'POST /admin/api/oidc-keys/rotate',
  'POST /admin/api/sso-hosts',
  'POST /admin/api/users',
  'POST /admin/api/users/:username/factors/reset',
  'POST /admin/api/users/:username/password',
  'POST /api/goodbye/',
];

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the command line in this process, on memory adapters unless `env` says otherwise; hashing made cheap. */
function cli(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCliCapturing(argv, { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10', ...env });
}

describe('the command line', () => {
  describe('help and mistakes', () => {
    it('prints the help, which says the memory store lives in one process', async () => {
      const run = await cli(['--help']);
      expect(run.status).toBe(0);
      expect(run.stdout.join('\n')).toContain('STORE=memory (the default) lives in one process');
      expect(run.stdout.join('\n')).toContain('STORE=mongo');
    });

    it('answers no command with a usage line on stderr and status 2', async () => {
      const run = await cli([]);
      expect(run).toMatchObject({ status: 2, stdout: [] });
      expect(run.stderr[0]).toMatch(/^usage: signet /);
    });

    it('answers an unknown command, option or argument count with status 2', async () => {
      for (const argv of [['frobnicate'], ['key', 'list', '--all'], ['key', 'allow', DEMO_API_KEY.apiKey], ['key', 'fly']]) {
        const run = await cli(argv);
        expect(run.status, argv.join(' ')).toBe(2);
        expect(
          run.stderr.some((line) => line.startsWith('usage: signet')),
          argv.join(' '),
        ).toBe(true);
      }
    });

    it('answers a bad configuration with its problems and status 2', async () => {
      const run = await cli(['key', 'list'], { STORE: 'mongo' });
      expect(run.status).toBe(2);
      expect(run.stderr.join('\n')).toContain('SIGNET_MASTER_KEY');
    });
  });

  describe('keys', () => {
    it('creates a key and prints the pair once', async () => {
      const run = await cli(['key', 'create', '--user', 'admin', '--api', 'GET /api/hello/', '--note', 'reporting']);
      expect(run.status).toBe(0);
      expect(run.stdout).toHaveLength(2);
      expect(run.stdout[0]).toMatch(/^API key: [0-9a-f]{16}$/);
      expect(run.stdout[1]).toMatch(/^SEC key: [0-9a-f]{64}$/);
      expect(run.stderr.join('\n')).toContain('shown this once');
    });

    it('refuses to create a key on an unknown entry point, with status 1', async () => {
      const run = await cli(['key', 'create', '--api', 'GET /api/nowhere/']);
      expect(run.status).toBe(1);
      expect(run.stderr[0]).toContain('no entry point named "GET /api/nowhere/"');
    });

    it('lists the keys the server starts with, and never a SEC key', async () => {
      const run = await cli(['key', 'list']);
      expect(run.status).toBe(0);
      expect(run.stdout[0]).toMatch(/^API KEY\s+USER\s+ENTRY POINTS/);
      expect(run.stdout[1]).toContain(DEMO_API_KEY.apiKey);
      expect(run.stdout[1]).toContain('GET /api/goodbye/, GET /api/hello/, POST /api/goodbye/');
      expect(run.stdout.join('\n')).not.toContain(DEMO_API_KEY.secretKey);
    });

    it('allows a key a known entry point', async () => {
      const run = await cli(['key', 'allow', DEMO_API_KEY.apiKey, 'GET /sso/authtoken/']);
      expect(run).toMatchObject({ status: 0, stdout: [`${DEMO_API_KEY.apiKey} may now call GET /sso/authtoken/`] });
    });

    it('says so when the key may already call the entry point', async () => {
      const run = await cli(['key', 'allow', DEMO_API_KEY.apiKey, 'GET /api/hello/']);
      expect(run).toMatchObject({
        status: 0,
        stdout: [`${DEMO_API_KEY.apiKey} may already call GET /api/hello/: nothing changed`],
      });
    });

    it('rotates a key and says until when the previous SEC key works', async () => {
      const run = await cli(['key', 'rotate', DEMO_API_KEY.apiKey], { API_KEY_ROTATION_GRACE: '3600' });
      expect(run.status).toBe(0);
      expect(run.stdout[1]).toMatch(/^SEC key: [0-9a-f]{64}$/);
      expect(run.stdout[1]).not.toContain(DEMO_API_KEY.secretKey);
      expect(run.stdout[2]).toMatch(/^previous SEC key works until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it('answers an unknown key with its message and status 1', async () => {
      const run = await cli(['key', 'revoke', 'feedfacefeedface']);
      expect(run).toMatchObject({ status: 1, stdout: [], stderr: ['signet: no API key feedfacefeedface'] });
    });

    it('lists the known entry points', async () => {
      const run = await cli(['key', 'entrypoints']);
      expect(run.stdout.slice(1).map((line) => line.split(/\s{2,}/)[0])).toEqual(DECLARED_ENTRY_POINTS);
    });
  });

  it('reloads the entry points of a memory store, which starts as the server does, as UPDATE/KEEP lines', async () => {
    const run = await cli(['reload-entrypoints']);
    expect(run).toMatchObject({
      status: 0,
      stdout: DECLARED_ENTRY_POINTS.map((name) => `UPDATE/KEEP: ${name}`),
    });
  });

  describe('what a first hour with the command line turns up', () => {
    it('prints its version', async () => {
      const run = await cli(['--version']);
      expect(run).toMatchObject({ status: 0, stdout: [expect.stringMatching(/^signet \d+\.\d+\.\d+/)] });
    });

    it("prints a group's usage for --help, for every group", async () => {
      const key = await cli(['key', '--help']);
      expect(key.status).toBe(0);
      expect(key.stdout.join('\n')).toContain('signet key create');
      expect(key.stdout.join('\n')).toContain('signet key rotate KEY');
      const sso = await cli(['sso', '--help']);
      expect(sso.stdout.join('\n')).toContain('signet sso add-host HOST');
    });

    it('refuses something that is not a URL to sign, with status 2', async () => {
      for (const argv of [
        ['sign', 'notaurl'],
        ['sign', 'ftp://example.com/x'],
        ['sign', '--v2', 'GET', 'notaurl'],
      ]) {
        const run = await cli(argv);
        expect(run.status, argv.join(' ')).toBe(2);
        expect(
          run.stderr.some((line) => line.startsWith('usage: signet sign')),
          argv.join(' '),
        ).toBe(true);
      }
    });

    it('signs with the store, the cache and the session secret misconfigured, since it needs none of them', async () => {
      const broken = { STORE: 'mongo', CACHE: 'redis', REDIS_URL: 'nope', SESSION_SECRET: 'short', PORT: 'eighty' };
      const run = await cli(['sign', 'http://localhost:3000/api/hello/'], broken);
      expect(run.status).toBe(0);
      expect(run.stdout[0]).toContain('&signature=');
    });

    it('refuses a malformed host with status 2, as any bad argument', async () => {
      for (const argv of [
        ['sso', 'add-host', 'http://localhost:7000/'],
        ['sso', 'remove', 'not a host'],
      ]) {
        const run = await cli(argv);
        expect(run.status, argv.join(' ')).toBe(2);
        expect(run.stderr[0]).toContain('is not a host name with an optional port');
      }
    });
  });

  describe('signing', () => {
    let service: TestService;

    beforeAll(async () => {
      service = await startTestService();
    });

    afterAll(async () => {
      await service.close();
    });

    it('prints a v1-signed URL the service accepts', async () => {
      const run = await cli(['sign', `${service.baseUrl}/api/hello/`]);
      expect(run.status).toBe(0);
      const response = await fetch(run.stdout[0]!);
      expect(response.status).toBe(200);
    });

    it('signs the body given with --data', async () => {
      const run = await cli(['sign', `${service.baseUrl}/api/goodbye/`, '--data', 'see you']);
      const response = await fetch(run.stdout[0]!, { method: 'POST', body: 'see you' });
      expect(await response.json()).toEqual({ goodbye: 'see you' });
    });

    it('prints v2 headers the service accepts', async () => {
      const url = `${service.baseUrl}/api/goodbye/?lang=en`;
      const run = await cli(['sign', '--v2', 'post', url, '--data', 'see you']);
      expect(run.status).toBe(0);
      expect(run.stdout.map((line) => line.split(':')[0])).toEqual(['X-Signet-Date', 'X-Signet-Nonce', 'Authorization']);
      const headers = Object.fromEntries(run.stdout.map((line) => line.split(/: (.*)/s).slice(0, 2)));
      const response = await fetch(url, { method: 'POST', headers, body: 'see you' });
      expect(response.status).toBe(200);
    });

    it('signs with the key pair of the environment, and never prints the SEC key', async () => {
      const env = { SIGNET_API_KEY: DEMO_API_KEY.apiKey, SIGNET_SEC_KEY: 'f'.repeat(32) };
      const run = await cli(['sign', `${service.baseUrl}/api/hello/`], env);
      expect(run.stdout.join('\n')).not.toContain(env.SIGNET_SEC_KEY);
      const response = await fetch(run.stdout[0]!);
      expect(await response.json()).toEqual({ error: 'signature error' });
    });

    it('has no demo key to default to in production', async () => {
      const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) };
      const run = await cli(['sign', `${service.baseUrl}/api/hello/`], production);
      expect(run.status).toBe(2);
      expect(run.stderr[0]).toContain('no demo key in production');
    });

    it('needs an absolute URL with --v2', async () => {
      const run = await cli(['sign', '--v2', 'GET', '/api/hello/']);
      expect(run.status).toBe(2);
    });

    it('prints with --curl one curl command that the shell runs and the service accepts, quotes and all', async () => {
      const url = `${service.baseUrl}/api/goodbye/?lang=en`;
      const body = `it's "$HOME" & more`;
      const run = await cli(['sign', '--v2', '--curl', 'POST', url, '--data', body]);
      expect(run.status).toBe(0);
      expect(run.stdout).toHaveLength(1);
      expect(run.stdout[0]).toMatch(/^curl -sS -X POST -H 'X-Signet-Date: \d{8}T\d{6}Z' /);
      const { stdout } = await promisify(execFile)('bash', ['-c', run.stdout[0]!], { env: { PATH: process.env.PATH ?? '' } });
      expect(JSON.parse(stdout)).toEqual({ goodbye: body });
    });

    it('refuses --curl without --v2, whose signed URL curl takes as it is', async () => {
      const run = await cli(['sign', '--curl', `${service.baseUrl}/api/hello/`]);
      expect(run.status).toBe(2);
      expect(run.stderr[0]).toBe('signet: --curl goes with --v2 (a v1-signed URL is given to curl as it is)');
    });
  });

  describe('as a process', () => {
    const signet = (...argv: string[]) =>
      promisify(execFile)(process.execPath, ['scripts/signet.js', ...argv], {
        cwd: root,
        env: {
          ...process.env,
          PORT: '0',
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          STORE: 'memory',
          CACHE: 'memory',
          PASSWORD_HASH_LOG_N: '10',
        },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: unknown) => error as { code: number; stdout: string; stderr: string },
      );

    it('exits with 2 on bad arguments, with the usage on stderr', async () => {
      const { code, stdout, stderr } = await signet('key', 'allow');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('usage: signet key allow KEY NAME');
    });

    it('exits with 1 on an unknown key, once the container is disposed', async () => {
      const { code, stderr } = await signet('key', 'rotate', 'feedfacefeedface');
      expect(code).toBe(1);
      expect(stderr).toBe('signet: no API key feedfacefeedface\n');
    });
  });
});
