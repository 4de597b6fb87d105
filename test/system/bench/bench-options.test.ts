import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readOptions, UsageError } from '../../../bench/options.js';

const known = ['koa', 'public', 'v1', 'v2'];

function refusal(argv: string[]): string {
  try {
    readOptions(argv, known);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('npm run bench, its options', () => {
  it('runs every scenario, 5 rounds of 2 s at 32 connections, by default, and writes docs/performance.md', () => {
    expect(readOptions([], known)).toEqual({
      rounds: 5,
      seconds: 2,
      warmupSeconds: 1,
      concurrency: 32,
      scenarios: known,
      profileDir: undefined,
      output: 'docs/performance.md',
      scale: 'with',
    });
  });

  it('runs the scale section after the scenarios, alone, or not at all', () => {
    expect(readOptions(['--scale', 'only'], known)).toMatchObject({ scale: 'only' });
    expect(readOptions(['--scale', 'skip'], known)).toMatchObject({ scale: 'skip' });
    expect(refusal(['--scale', 'some'])).toBe('--scale "some": choose with, only or skip');
  });

  it('reads each option, and --no-write', () => {
    expect(
      readOptions(
        ['--rounds', '3', '--seconds', '0.5', '--warmup', '0', '--concurrency', '8', '--scenarios', 'v2,koa', '--no-write'],
        known,
      ),
    ).toMatchObject({ rounds: 3, seconds: 0.5, warmupSeconds: 0, concurrency: 8, scenarios: ['v2', 'koa'], output: null });
    expect(readOptions(['--help'], known)).toBe('help');
    expect(readOptions(['-h'], known)).toBe('help');
  });

  it('refuses a number that is not plain, or out of its range, saying which and why', () => {
    expect(refusal(['--rounds', 'abc'])).toBe('--rounds "abc": needs a whole number from 1 to 50');
    expect(refusal(['--rounds', '0'])).toBe('--rounds "0": needs a whole number from 1 to 50');
    expect(refusal(['--rounds', '2.5'])).toBe('--rounds "2.5": needs a whole number from 1 to 50');
    expect(refusal(['--seconds', '1e1'])).toBe('--seconds "1e1": needs a number from 0.5 to 60');
    expect(refusal(['--seconds=-1'])).toBe('--seconds "-1": needs a number from 0.5 to 60');
    expect(refusal(['--concurrency', '0x10'])).toBe('--concurrency "0x10": needs a whole number from 1 to 512');
    expect(refusal(['--warmup', ' 1'])).toBe('--warmup " 1": needs a number from 0 to 60');
  });

  it('refuses an unknown scenario or option', () => {
    expect(refusal(['--scenarios', 'v2,v3'])).toBe('unknown scenario "v3": choose from koa, public, v1, v2');
    expect(refusal(['--fast'])).toMatch(/Unknown option '--fast'/);
    expect(refusal(['extra'])).toMatch(/positional/i);
  });

  it('prints its usage with --help and exits 0; exits 2 on a bad number, before starting anything', () => {
    const root = new URL('../../../', import.meta.url).pathname;
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'bench/bench.ts', '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run bench -- \[options\]/);
    expect(help.stdout).toContain(
      'koa, hawk, hmac, public, v1, v1-refused, v2, v2-redis, v2-cluster, public-logged, reader, reader-direct, sso, sso-redis, oidc, oidc-redis',
    );
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'bench/bench.ts', '--rounds', 'many'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bench: --rounds "many": needs a whole number from 1 to 50');
    expect(bad.stdout).toBe('');
  });
});
