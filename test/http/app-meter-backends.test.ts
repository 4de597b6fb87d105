import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SSO_HOST } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import type { LoginMeter } from '../../src/domain/app-meter/login-meter.port.js';
import { BackendUnavailableError } from '../../src/domain/backends/backend.errors.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { oidcLoginUpToCode, ssoLogin, ssoLoginUpToRedemption } from '../support/app-meter-flow.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { FixedClock } from '../support/fixed-clock.js';
import { freePort } from '../support/free-port.js';
import { describeWithRedis, describeWithRedisCluster } from '../support/redis-server.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { twoInstances } from '../support/two-instances.js';

const APP_PATH = `/admin/api/apps/${encodeURIComponent(DEMO_SSO_HOST.host)}`;

interface DayRow {
  day: string;
  logins: { 'dj-sso': number; oidc: number };
}

async function days(client: SignetClient): Promise<DayRow[]> {
  const answer = await adminCall(client, 'GET', APP_PATH);
  expect(answer.status).toBe(200);
  return (answer.body as { days: DayRow[] }).days;
}

describe('the migration meter at midnight UTC, on the test clock', () => {
  let service: TestService;
  let clock: FixedClock;
  beforeAll(async () => {
    clock = new FixedClock(Date.UTC(2026, 11, 8, 23, 59, 59));
    service = await startTestService({ clock });
  });
  afterAll(() => service.close());

  it('counts a login before midnight on that day and one after it on the next', async () => {
    const admin = adminClient(service.baseUrl, undefined, clock);
    await ssoLogin(service.baseUrl, 'user1', '123', clock);
    await expect
      .poll(async () => (await days(admin))[0], { timeout: 10_000 })
      .toEqual({
        day: '2026-12-08',
        logins: { 'dj-sso': 1, oidc: 0 },
      });
    clock.advance(2);
    await ssoLogin(service.baseUrl, 'user2', '456', clock);
    await expect
      .poll(async () => (await days(admin)).slice(0, 2), { timeout: 10_000 })
      .toEqual([
        { day: '2026-12-09', logins: { 'dj-sso': 1, oidc: 0 } },
        { day: '2026-12-08', logins: { 'dj-sso': 1, oidc: 0 } },
      ]);
    expect(await days(admin)).toHaveLength(30);
  });
});

describe('a migration meter whose backend fails', () => {
  let service: TestService;
  let logger: CapturingLogger;
  const attempted: string[] = [];
  beforeAll(async () => {
    logger = new CapturingLogger();
    const lost = async (): Promise<never> => {
      throw new BackendUnavailableError('cache', 'connection refused', 'failed');
    };
    const failing: LoginMeter = {
      count: async (login) => {
        attempted.push(login.protocol);
        return lost();
      },
      tallies: lost,
      users: lost,
    };
    const port = await freePort();
    const config = testConfig({ PUBLIC_URL: `http://127.0.0.1:${port}` });
    service = await startTestService({ config, port, overrides: { loginMeter: asValue(failing) }, logger });
  });
  afterAll(() => service.close());

  it('fails no login: the app gets its user, the failure is logged, and only the meter answers 503', async () => {
    const login = await ssoLoginUpToRedemption(service.baseUrl, 'user1', '123');
    const redeemed = await login.redeem();
    expect(redeemed.status).toBe(200);
    expect(((await redeemed.json()) as { user: { username: string } }).user.username).toBe('user1');
    const oidc = await oidcLoginUpToCode(`${service.baseUrl}/oidc`, 'user2', '456');
    expect((await oidc.exchange()).access_token).toEqual(expect.any(String));
    await expect.poll(() => [...attempted].sort()).toEqual(['dj-sso', 'oidc']);
    // Once a minute at most: the first failure is logged, the second is counted for the next line.
    await expect
      .poll(() => logger.lines.filter((line) => line.message.startsWith('the migration meter could not count')).length)
      .toBe(1);
    expect(logger.errors()).toEqual([]);
    const admin = adminClient(service.baseUrl);
    const answer = await adminCall(admin, 'GET', '/admin/api/apps');
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: 'cache unavailable' });
  });
});

describe('who may read the migration meter: partial admin keys', () => {
  let service: TestService;
  let admin: SignetClient;
  beforeAll(async () => {
    service = await startTestService();
    admin = adminClient(service.baseUrl);
  });
  afterAll(() => service.close());

  async function keyAllowed(entryPoints: string[]): Promise<SignetClient> {
    const created = await adminCall(admin, 'POST', '/admin/api/keys', { entryPoints, note: entryPoints.join(', ') });
    expect(created.status).toBe(201);
    const { apiKey, secretKey } = created.body as { apiKey: string; secretKey: string };
    return new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol: 'v2' });
  }

  it('lets a key read the list with GET /admin/api/apps, an app with GET /admin/api/apps/:host, and nothing else', async () => {
    const listOnly = await keyAllowed(['GET /admin/api/apps']);
    expect((await adminCall(listOnly, 'GET', '/admin/api/apps')).status).toBe(200);
    expect((await adminCall(listOnly, 'GET', APP_PATH)).status).toBe(403);
    expect((await adminCall(listOnly, 'GET', '/admin/api/keys')).status).toBe(403);

    const both = await keyAllowed(['GET /admin/api/apps', 'GET /admin/api/apps/:host']);
    expect((await adminCall(both, 'GET', APP_PATH)).status).toBe(200);

    const other = await keyAllowed(['GET /admin/api/keys']);
    const refused = await adminCall(other, 'GET', '/admin/api/apps');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: 'entry point not allowed for the API key' });
  });

  it('lets a partial admin key grant the entry points it holds, and not those it lacks', async () => {
    const reader = await keyAllowed(['GET /admin/api/apps', 'POST /admin/api/keys']);
    expect((await adminCall(reader, 'POST', '/admin/api/keys', { entryPoints: ['GET /admin/api/apps'] })).status).toBe(201);
    expect((await adminCall(reader, 'POST', '/admin/api/keys', { entryPoints: ['GET /admin/api/apps/:host'] })).status).toBe(403);
  });
});

await describeWithRedis('two instances counting on one Redis', (redis) => {
  meterOnTwoInstances({ REDIS_URL: redis.url });
});

await describeWithRedisCluster('two instances counting on a Redis Cluster', (cluster) => {
  meterOnTwoInstances({ REDIS_CLUSTER_NODES: cluster.nodes.join(',') });
});

function meterOnTwoInstances(redisEnv: Record<string, string>): void {
  const instances = twoInstances(redisEnv);

  it('adds up the logins redeemed on each, as either reads them', async () => {
    const { first, second } = instances;
    const logins = [];
    for (const service of [first, second, first, second, second]) {
      logins.push({ service, login: await ssoLoginUpToRedemption(service.baseUrl, 'user1', '123') });
    }
    const answers = await Promise.all(logins.map(({ login }) => login.redeem()));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    for (const service of [first, second]) {
      await expect
        .poll(async () => (await days(adminClient(service.baseUrl)))[0]?.logins, { timeout: 10_000 })
        .toEqual({
          'dj-sso': 5,
          oidc: 0,
        });
    }
  });
}
