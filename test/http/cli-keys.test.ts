import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignetClient } from '../../src/client/signet-client.js';
import { mongoCliEnv, runCliCapturing } from '../support/cli-runner.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe('the key command group, on a MongoDB store a server uses', () => {
  let mongo: TestMongo;
  let env: Record<string, string>;
  let service: TestService;
  let apiKey: string;
  let secretKey: string;

  beforeAll(async () => {
    mongo = await mongoForTests();
    env = mongoCliEnv(mongo.url, 'ef'.repeat(32), { API_KEY_ROTATION_GRACE: '3600' });
    service = await startTestService({ config: testConfig(env) });
  });
  afterAll(async () => {
    await service.close();
    await mongo.stop();
  });

  const cli = (argv: string[]) => runCliCapturing(argv, env);

  const hello = (secret: string, protocol: 'v1' | 'v2' = 'v1') =>
    new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey: secret, protocol }).get('/api/hello/');

  it('creates a key bound to a user on an entry point, which the server then admits', async () => {
    const run = await cli(['key', 'create', '--user', 'user1', '--api', 'GET /api/hello/', '--note', 'reports']);
    expect(run.status).toBe(0);
    apiKey = /API key: ([0-9a-f]{16})/.exec(run.stdout.join('\n'))![1]!;
    secretKey = /SEC key: ([0-9a-f]{64})/.exec(run.stdout.join('\n'))![1]!;
    const response = await hello(secretKey);
    expect(await response.json()).toEqual({ hello: 'world', user: 'user1' });
  });

  it('refuses to bind a key to a user who does not exist', async () => {
    expect(await cli(['key', 'create', '--user', 'ghost', '--api', 'GET /api/hello/'])).toMatchObject({
      status: 1,
      stdout: [],
      stderr: ['signet: no user named "ghost"'],
    });
  });

  it('refuses an entry point the key was not given, until it is allowed', async () => {
    const goodbye = () => new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey }).post('/api/goodbye/', 'bye');
    expect(await (await goodbye()).json()).toEqual({ error: 'entry point not allowed for the API key' });
    expect((await cli(['key', 'allow', apiKey, 'POST /api/goodbye/'])).status).toBe(0);
    expect(await (await goodbye()).json()).toEqual({ goodbye: 'bye' });
  });

  it('rotates the SEC key, the old one working on through the grace period', async () => {
    const run = await cli(['key', 'rotate', apiKey]);
    expect(run.status).toBe(0);
    const rotated = /SEC key: ([0-9a-f]{64})/.exec(run.stdout.join('\n'))![1]!;
    expect((await hello(rotated, 'v2')).status).toBe(200);
    expect((await hello(secretKey, 'v2')).status).toBe(200);
    secretKey = rotated;
  });

  it('lists the key without any SEC key', async () => {
    const run = await cli(['key', 'list']);
    expect(run.stdout.join('\n')).toContain(apiKey);
    expect(run.stdout.join('\n')).not.toContain(secretKey);
  });

  it('revokes the key, after which the server refuses it', async () => {
    expect(await cli(['key', 'revoke', apiKey])).toMatchObject({ status: 0, stdout: [`revoked ${apiKey}`] });
    expect(await (await hello(secretKey)).json()).toEqual({ error: 'signature error' });
  });
});
