import { parseArgs } from 'node:util';

export interface BenchOptions {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  scenarios: readonly string[];
  /** Where the servers write a V8 CPU profile when they stop; none when undefined. */
  profileDir: string | undefined;
  /** The report to write (docs/performance.md), or null to print only. */
  output: string | null;
  /** The scale section (bench/scale/): run after the scenarios, alone, or not at all. */
  scale: 'with' | 'only' | 'skip';
}

export const usage = `usage: npm run bench -- [options]

Measures Signet's server CPU time per request, throughput and p99 latency against bare Koa,
@hapi/hawk and a hand-written HMAC check, the SSO handshake, and the reader's _find against the
same find called directly, in alternating rounds, and writes docs/performance.md.

options:
  --rounds N         rounds of every scenario (1 to 50; default 5)
  --seconds S        length of each round in seconds (0.5 to 60; default 2)
  --warmup S         warm-up of each scenario before the rounds, in seconds (0 to 60; default 1)
  --concurrency N    connections kept busy at once (1 to 512; default 32)
  --scenarios LIST   comma-separated scenarios (default: all):
                     SCENARIOS
  --profile DIR      every server writes a V8 CPU profile into DIR when it stops
                     (summarise one with: npx tsx bench/profile-summary.ts FILE)
  --scale MODE       the scale section (logins a second, the key list at 15 and 10,000 keys, ...):
                     with (after the scenarios; the default), only, or skip
  --output FILE      where to write the report (default: docs/performance.md)
  --no-write         print the results only; write no report
  -h, --help         print this help`;

/** Thrown for arguments the bench refuses; its message says which and why. */
export class UsageError extends Error {}

/** Reads the command line; throws UsageError for anything it does not accept. */
export function readOptions(argv: readonly string[], known: readonly string[]): BenchOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        rounds: { type: 'string', default: '5' },
        seconds: { type: 'string', default: '2' },
        warmup: { type: 'string', default: '1' },
        concurrency: { type: 'string', default: '32' },
        scenarios: { type: 'string', default: known.join(',') },
        profile: { type: 'string' },
        output: { type: 'string', default: 'docs/performance.md' },
        scale: { type: 'string', default: 'with' },
        'no-write': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const scenarios = values.scenarios.split(',').map((name) => name.trim());
  const unknown = scenarios.filter((name) => !known.includes(name));
  if (unknown.length > 0 || scenarios.length === 0) {
    throw new UsageError(`unknown scenario ${unknown.map((name) => `"${name}"`).join(', ')}: choose from ${known.join(', ')}`);
  }
  const scale = values.scale;
  if (scale !== 'with' && scale !== 'only' && scale !== 'skip') {
    throw new UsageError(`--scale ${JSON.stringify(scale)}: choose with, only or skip`);
  }
  return {
    scale,
    rounds: number('--rounds', values.rounds, { min: 1, max: 50, whole: true }),
    seconds: number('--seconds', values.seconds, { min: 0.5, max: 60, whole: false }),
    warmupSeconds: number('--warmup', values.warmup, { min: 0, max: 60, whole: false }),
    concurrency: number('--concurrency', values.concurrency, { min: 1, max: 512, whole: true }),
    scenarios: [...new Set(scenarios)],
    profileDir: values.profile,
    output: values['no-write'] ? null : values.output,
  };
}

/** A decimal number within bounds, written plainly: no sign, exponent, hex, blanks or units. */
function number(option: string, text: string, bounds: { min: number; max: number; whole: boolean }): number {
  const plain = bounds.whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  const value = Number(text);
  if (!plain.test(text) || value < bounds.min || value > bounds.max) {
    const kind = bounds.whole ? 'a whole number' : 'a number';
    throw new UsageError(`${option} ${JSON.stringify(text)}: needs ${kind} from ${bounds.min} to ${bounds.max}`);
  }
  return value;
}
