import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { mongoCliEnv, runCliCapturing } from '../support/cli-runner.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { logInOnSsoPage, loginUrl, redeem, requestToken, signedGet, tokensFrom } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('the sso command group, on a MongoDB store a server uses', () => {
  let mongo: TestMongo;
  let env: Record<string, string>;
  let service: TestService;
  let added: { apiKey: string; secretKey: string };

  beforeAll(async () => {
    mongo = await mongoForTests();
    env = mongoCliEnv(mongo.url, 'cd'.repeat(32));
    service = await startTestService({ config: testConfig(env) });
  });
  afterAll(async () => {
    await service.close();
    await mongo.stop();
  });

  const cli = (argv: string[]) => runCliCapturing(argv, env);

  it('adds a host and prints its key pair once, which then serves the whole handshake', async () => {
    const run = await cli(['sso', 'add-host', 'localhost:7000', '--note', 'wiki']);
    expect(run.status).toBe(0);
    expect(run.stdout[0]).toBe('host:    localhost:7000');
    const apiKey = /^API key: (\S+)$/.exec(run.stdout[1]!)![1]!;
    const secretKey = /^SEC key: (\S+)$/.exec(run.stdout[2]!)![1]!;
    expect(run.stderr.join('\n')).toContain('shown this once');

    const key = { apiKey, secretKey };
    added = key;
    const token = await requestToken(service.baseUrl, key);
    const url = loginUrl(service.baseUrl, token, { apiKey, next: 'http://localhost:7000/sso/auth/' });
    const { authToken } = tokensFrom(await logInOnSsoPage(new CookieJar(), url, 'user2', '456'));
    expect(await (await redeem(service.baseUrl, token, authToken, key)).json()).toMatchObject({
      user: { username: 'user2', id: 3 },
    });

    // The key may call the SSO APIs and nothing else.
    expect((await signedGet(service.baseUrl, '/api/hello/', key)).status).toBe(403);
  });

  it('lists the hosts without their SEC keys', async () => {
    const run = await cli(['sso', 'list']);
    expect(run.status).toBe(0);
    expect(run.stdout[0]).toMatch(/^HOST\s+API KEY\s+CREATED\s+LAST USED\s+STATUS\s+NOTE$/);
    expect(run.stdout.some((line) => /^localhost:7000\s+\S+\s+\S+\s+\S+\s+active\s+wiki$/.test(line))).toBe(true);
    expect(run.stdout.some((line) => line.startsWith('localhost:8000'))).toBe(true);
    expect(run.stdout.join('\n')).not.toMatch(/[0-9a-f]{64}|9b1d4c6e2f8a4b7d9c3e5f1a2b4c6d8e/);
  });

  it('refuses a second key for the same host, and a malformed host', async () => {
    expect(await cli(['sso', 'add-host', 'localhost:7000'])).toMatchObject({
      status: 1,
      stderr: ['signet: host localhost:7000 already has an SSO key'],
    });
    const malformed = await cli(['sso', 'add-host', 'http://localhost:7000/']);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr[0]).toContain('is not a host name with an optional port');
  });

  it('removes a host by revoking its key, which the server refuses at once', async () => {
    const run = await cli(['sso', 'remove', 'localhost:7000']);
    expect(run).toMatchObject({ status: 0, stdout: [`removed localhost:7000: revoked API key ${added.apiKey}`] });
    expect((await signedGet(service.baseUrl, '/sso/requesttoken/', added)).status).toBe(403);
    expect((await cli(['sso', 'list'])).stdout.some((line) => /^localhost:7000\s.*\sremoved\s+wiki$/.test(line))).toBe(true);
    expect(await cli(['sso', 'remove', 'localhost:7000'])).toMatchObject({
      status: 1,
      stderr: ['signet: no SSO key for host localhost:7000'],
    });
  });

  it('answers a missing or unknown subcommand with its usage and status 2', async () => {
    for (const argv of [['sso'], ['sso', 'fly'], ['sso', 'add-host'], ['sso', 'list', 'extra']]) {
      const run = await cli(argv);
      expect(run.status, argv.join(' ')).toBe(2);
      expect(
        run.stderr.some((line) => line.startsWith('usage: signet sso')),
        argv.join(' '),
      ).toBe(true);
    }
  });
});
