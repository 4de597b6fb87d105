import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import type { SignetClient } from '../../src/client/signet-client.js';
import { adminCall, adminClient, loggedIn, submitOn } from '../support/admin-flow.js';
import { runCliCapturing } from '../support/cli-runner.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const BASE_ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10' };

describe('a revoked key cannot be changed: 409 on the site, the API and the command line', () => {
  let service: TestService;
  let clock: FixedClock;
  let admin: SignetClient;
  let jar: CookieJar;
  let revoked: string;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    admin = adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock);
    jar = await loggedIn(service.baseUrl);
    const created = await adminCall(admin, 'POST', '/admin/api/keys', { entryPoints: ['GET /api/hello/'] });
    revoked = (created.body as { apiKey: string }).apiKey;
    expect((await adminCall(admin, 'POST', `/admin/api/keys/${revoked}/revoke`)).status).toBe(200);
  });
  afterAll(() => service.close());

  const isRevoked = () => ({ error: `API key ${revoked} is revoked` });

  async function unchanged(): Promise<void> {
    const shown = await adminCall(admin, 'GET', `/admin/api/keys/${revoked}`);
    expect(shown.body).toMatchObject({ state: 'revoked', entryPoints: ['GET /api/hello/'], note: '', disabled: false });
  }

  const apiChanges: [string, string, unknown][] = [
    ['POST', '/entry-points', { entryPoint: 'POST /api/goodbye/' }],
    ['POST', '/entry-points', { entryPoint: 'GET /api/hello/' }],
    ['PATCH', '', { note: 'back from the dead' }],
    ['POST', '/disable', undefined],
    ['POST', '/enable', undefined],
    ['POST', '/rotate', undefined],
    ['POST', '/revoke', undefined],
  ];
  for (const [method, suffix, body] of apiChanges) {
    it(`the API answers 409 to ${method} /admin/api/keys/<revoked>${suffix} ${body === undefined ? '' : JSON.stringify(body)}`, async () => {
      const answer = await adminCall(admin, method, `/admin/api/keys/${revoked}${suffix}`, body);
      expect(answer).toMatchObject({ status: 409, body: isRevoked() });
      await unchanged();
    });
  }

  for (const suffix of ['', '/disable', '/enable', '/revoke', '/rotate']) {
    it(`the site answers 409 to POST /admin/keys/<revoked>${suffix}`, async () => {
      const response = await submitOn(jar, service.baseUrl, `/admin/keys/${revoked}`, `/admin/keys/${revoked}${suffix}`, {
        note: 'back from the dead',
        username: '',
        entryPoints: ['GET /api/hello/', 'POST /api/goodbye/'],
        expiresAt: '',
        rateLimitPerMinute: '',
      });
      expect(response.status).toBe(409);
      expect(await response.text()).toContain(`API key ${revoked} is revoked`);
      await unchanged();
    });
  }

  const cliChanges = [
    ['key', 'allow', 'REVOKED', 'POST /api/goodbye/'],
    ['key', 'update', 'REVOKED', '--note', 'back from the dead'],
    ['key', 'disable', 'REVOKED'],
    ['key', 'enable', 'REVOKED'],
    ['key', 'rotate', 'REVOKED'],
    ['key', 'revoke', 'REVOKED'],
  ];
  for (const argv of cliChanges) {
    it(`the command line refuses "${argv.join(' ')}" and says why`, async () => {
      const run = await runCliCapturing(
        ['--server', service.baseUrl, ...argv.map((arg) => (arg === 'REVOKED' ? revoked : arg))],
        BASE_ENV,
        clock,
      );
      expect(run).toMatchObject({ status: 1, stdout: [], stderr: [`signet: API key ${revoked} is revoked`] });
      await unchanged();
    });
  }
});
