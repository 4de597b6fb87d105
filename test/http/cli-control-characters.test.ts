import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/application/demo/demo-data.js';
import { adminCall, adminClient } from '../support/admin-flow.js';
import { runCliCapturing, type CliRun } from '../support/cli-runner.js';
import { FixedClock } from '../support/fixed-clock.js';
import { startTestService, type TestService } from '../support/test-service.js';

const BASE_ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10' };

/** A note that would forge an audit line and retitle the terminal, if printed raw. */
const HOSTILE_NOTE = 'ok\n2026-12-07T00:00:00Z  admin  admin-site  -  key.revoke  ad417e5c\u001b]0;pwned\u0007\r\u009b2J\u202e';
const ESCAPED_NOTE =
  'ok\\n2026-12-07T00:00:00Z  admin  admin-site  -  key.revoke  ad417e5c\\u001b]0;pwned\\u0007\\r\\u009b2J\\u202e';

/** Anything a terminal acts on rather than shows. */
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('the command line prints stored text escaped, never raw', () => {
  let service: TestService;
  let clock: FixedClock;
  let apiKey: string;

  beforeAll(async () => {
    clock = new FixedClock();
    service = await startTestService({ clock });
    const created = await adminCall(adminClient(service.baseUrl, DEMO_ADMIN_KEY, clock), 'POST', '/admin/api/keys', {
      entryPoints: ['GET /api/hello/'],
      note: HOSTILE_NOTE,
    });
    apiKey = (created.body as { apiKey: string }).apiKey;
  });
  afterAll(() => service.close());

  const remote = (argv: string[]): Promise<CliRun> => runCliCapturing(['--server', service.baseUrl, ...argv], BASE_ENV, clock);

  for (const argv of [
    ['key', 'list'],
    ['key', 'show', 'KEY'],
    ['audit', 'list'],
  ]) {
    it(`"${argv.join(' ')}" writes the note's control characters as escapes, on one line`, async () => {
      const run = await remote(argv.map((arg) => (arg === 'KEY' ? apiKey : arg)));
      expect(run.status).toBe(0);
      for (const line of run.stdout) expect(line).not.toMatch(ACTIVE);
      const lines = run.stdout.filter((line) => line.includes('pwned'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(argv[0] === 'audit' ? ESCAPED_NOTE.replace(/"/g, '\\"') : ESCAPED_NOTE);
      // No line of the output starts as the forged one would.
      expect(run.stdout.some((line) => line.startsWith('2026-12-07T00:00:00Z'))).toBe(false);
    });
  }
});
