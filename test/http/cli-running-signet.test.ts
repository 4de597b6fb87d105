import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import { runCliCapturing, type CliRun } from '../support/cli-runner.js';
import { FixedClock } from '../support/fixed-clock.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('a command on the memory store while a Signet answers on its port', () => {
  let service: TestService;
  let clock: FixedClock;
  let env: Record<string, string>;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock, config: { ...testConfig(), demo: true } });
    const port = new URL(service.baseUrl).port;
    env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10', STORE: 'memory', HOST: '0.0.0.0', PORT: port };
  });
  afterAll(() => service.close());

  const signet = (argv: string[], more: Record<string, string> = {}): Promise<CliRun> =>
    runCliCapturing(argv, { ...env, ...more }, clock);
  const demoKeyWorks = async (): Promise<number> => {
    const client = new SignetClient({ baseUrl: service.baseUrl, ...DEMO_API_KEY, now: () => clock.now() });
    return (await client.get('/api/hello/')).status;
  };

  it('revokes the key on the running Signet, through its admin API with the demo admin key, and says so', async () => {
    const key = await signet(['key', 'create', '--api', 'GET /api/hello/', '--note', 'to revoke']);
    expect(key.status).toBe(0);
    const apiKey = /API key: (\w+)/.exec(key.stdout.join('\n'))?.[1] ?? '';
    const revoked = await signet(['key', 'revoke', apiKey]);
    expect(revoked.stdout).toEqual([`revoked ${apiKey}`]);
    expect(revoked.stderr).toEqual([
      `note: a Signet answers on http://127.0.0.1:${new URL(service.baseUrl).port} on the memory store: acting on it through its admin API, as npm run signet -- --server http://127.0.0.1:${new URL(service.baseUrl).port} key revoke ${apiKey} does`,
    ]);
    const shown = await signet(['--server', service.baseUrl, 'key', 'show', apiKey]);
    expect(shown.stdout.join('\n')).toMatch(/state: +revoked/);
  });

  it('lists in the audit log the changes made on the running Signet', async () => {
    await signet(['key', 'disable', DEMO_API_KEY.apiKey]);
    expect(await demoKeyWorks()).toBe(403);
    await signet(['key', 'enable', DEMO_API_KEY.apiKey]);
    expect(await demoKeyWorks()).toBe(200);
    const audit = await signet(['audit', 'list']);
    expect(audit.status).toBe(0);
    expect(audit.stdout.join('\n')).toContain('key.disable');
    expect(audit.stdout.join('\n')).toContain('key.enable');
  });

  it('refuses, with the exact --server line to use, when that Signet does not take the admin key', async () => {
    const run = await signet(['key', 'update', DEMO_API_KEY.apiKey, '--note', "Ann's key"], {
      SIGNET_ADMIN_KEY: 'ffffffff',
      SIGNET_ADMIN_SECRET: '0'.repeat(32),
    });
    const server = `http://127.0.0.1:${new URL(service.baseUrl).port}`;
    expect(run.status).toBe(1);
    expect(run.stdout).toEqual([]);
    const lines = run.stderr.join('\n').split('\n');
    expect(lines[0]).toBe(
      `signet: a Signet answers on ${server}, and its admin API refused the given admin key (signature error): on the memory store, a command has a copy of its own, whose changes would vanish with it.`,
    );
    expect(lines.at(-1)).toBe(
      `  SIGNET_ADMIN_KEY=<API key> SIGNET_ADMIN_SECRET=<SEC key> npm run signet -- --server ${server} key update ${DEMO_API_KEY.apiKey} --note 'Ann'\\''s key'`,
    );
    expect(run.stderr.join('\n')).not.toContain('0'.repeat(32));
  });

  it('refuses in production, where there is no demo admin key, and never echoes a password', async () => {
    const run = await signet(['user', 'create', 'ann', '--password', 'hunter2-hunter2'], {
      NODE_ENV: 'production',
      SIGNET_MASTER_KEY: 'a'.repeat(64),
      SESSION_SECRET: 's'.repeat(32),
    });
    expect(run.status).toBe(1);
    expect(run.stderr.join('\n')).toContain('SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET are not set');
    expect(run.stderr.join('\n')).toContain(
      `--server http://127.0.0.1:${new URL(service.baseUrl).port} user create ann --password '<password>'`,
    );
    expect(run.stderr.join('\n')).not.toContain('hunter2');
  });

  it(
    'refuses when what took the connection on its port does not say in time whether it is a Signet',
    { timeout: 30_000 },
    async () => {
      const sockets: Socket[] = [];
      const silent = createServer((socket) => void sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = silent.address() as AddressInfo;
        const run = await signet(['key', 'revoke', DEMO_API_KEY.apiKey], { PORT: String(port) });
        expect(run.status).toBe(1);
        expect(run.stdout).toEqual([]);
        expect(run.stderr.join('\n')).toContain(
          `signet: something on http://127.0.0.1:${port} did not say within 5 s whether it is a Signet`,
        );
        expect(run.stderr.join('\n')).toContain(
          `npm run signet -- --server http://127.0.0.1:${port} key revoke ${DEMO_API_KEY.apiKey}`,
        );
      } finally {
        for (const socket of sockets) socket.destroy();
        silent.close();
      }
    },
  );

  it('works on its own memory store when what answers on its port is no Signet', async () => {
    const other = createHttpServer((_request, response) => response.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = other.address() as AddressInfo;
      const run = await signet(['key', 'revoke', DEMO_API_KEY.apiKey], { PORT: String(port) });
      expect(run).toMatchObject({ status: 0, stdout: [`revoked ${DEMO_API_KEY.apiKey}`] });
    } finally {
      other.close();
    }
  });

  it('works on its own memory store when nothing answers on its port', async () => {
    const run = await signet(['key', 'revoke', DEMO_API_KEY.apiKey], { PORT: '1' });
    expect(run).toMatchObject({ status: 0, stdout: [`revoked ${DEMO_API_KEY.apiKey}`] });
    expect(run.stderr).toEqual(['note: STORE=memory lives in this process only; set STORE=mongo to keep changes']);
    expect(await demoKeyWorks()).toBe(200);
  });
});
