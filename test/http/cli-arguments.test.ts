import { describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { runCliCapturing, type CliRun } from '../support/cli-runner.js';

/** The command line on memory adapters, unless `env` says otherwise; hashing made cheap. */
function cli(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCliCapturing(argv, { NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_LOG_N: '10', ...env });
}

/** Arguments an operator gets wrong, typically a shell variable that was not set. */
describe('odd arguments on the command line', () => {
  it('advises, after a change to a memory store, only options the command line has', async () => {
    const run = await cli(['key', 'revoke', DEMO_API_KEY.apiKey]);
    expect(run.status).toBe(0);
    const note = run.stderr.find((line) => line.startsWith('note:')) ?? '';
    expect(note).toContain('STORE=memory');
    for (const option of note.match(/--[a-z][a-z-]*/g) ?? []) {
      const attempt = await cli(['key', 'list', option, 'http://localhost:3000']);
      expect(attempt.stderr.join('\n'), option).not.toContain('Unknown option');
    }
  });

  it('refuses an empty --key and --secret rather than sign with the demo key', async () => {
    // `signet sign URL --key "$KEY" --secret "$SEC"` with neither variable set.
    const run = await cli(['sign', '/api/hello/', '--key', '', '--secret', '']);
    expect(run.status).toBe(2);
    expect(run.stdout).toEqual([]);
  });

  it('refuses an empty --user rather than create a key bound to a user named ""', async () => {
    const run = await cli(['key', 'create', '--user', '', '--api', 'GET /api/hello/']);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toEqual([]);
  });
});
