import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Measure } from './load.js';
import type { Scenario } from './scenarios.js';

/** A goal of the issue, as server CPU per request of `scenario` over `baseline`. */
export interface Goal {
  scenario: string;
  baseline: string;
  limit: number;
  label: string;
}

export const GOALS: readonly Goal[] = [
  { scenario: 'public', baseline: 'koa', limit: 1.1, label: "Signet's unprotected route, against bare Koa" },
  { scenario: 'v1', baseline: 'public', limit: 1.15, label: "v1, against Signet's unprotected route" },
  { scenario: 'v2', baseline: 'public', limit: 1.3, label: "v2 with nonces in memory, against Signet's unprotected route" },
  {
    scenario: 'sso',
    baseline: 'public',
    limit: 8,
    label: "the SSO continue-as handshake (four requests) in the default mode, against one of Signet's unprotected requests",
  },
];

/** Ratios shown for reference, without a goal. */
const REFERENCES: readonly Omit<Goal, 'limit'>[] = [
  { scenario: 'hawk', baseline: 'koa', label: '@hapi/hawk, against bare Koa' },
  { scenario: 'hmac', baseline: 'koa', label: 'the hand-written HMAC check, against bare Koa' },
  { scenario: 'v1', baseline: 'koa', label: 'v1, against bare Koa' },
  { scenario: 'v2', baseline: 'koa', label: 'v2 with nonces in memory, against bare Koa' },
  { scenario: 'v2', baseline: 'hawk', label: 'v2 with nonces in memory, against @hapi/hawk' },
  { scenario: 'v2-redis', baseline: 'public', label: "v2 with nonces in Redis, against Signet's unprotected route" },
  {
    scenario: 'v2-cluster',
    baseline: 'v2-redis',
    label: 'v2 with nonces on a Redis Cluster with `WAIT 1`, against nonces in one Redis',
  },
  { scenario: 'public-logged', baseline: 'public', label: 'the request log, on the unprotected route' },
  {
    scenario: 'reader',
    baseline: 'reader-direct',
    label: "the reader's `_find` of 50 documents, against the same find called directly on the same source",
  },
  { scenario: 'reader-direct', baseline: 'koa', label: 'the direct find of 50 documents, against the bare Koa route' },
];

export interface Summary {
  scenario: Scenario;
  rate: number;
  p99Ms: number;
  cpuPerUnit: number;
  userPerUnit: number;
  redisCpuPerUnit: number | null;
  clientCpuShare: number;
  failures: number;
  signedInWindow: number;
}

export function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const cpuPerUnit = (m: Measure) => m.serverCpuMicros / Math.max(1, m.units);

export function summarize(scenario: Scenario, measures: readonly Measure[]): Summary {
  const redis = measures.map((m) => m.redisCpuMicros).filter((value): value is number => value !== null);
  return {
    scenario,
    rate: median(measures.map((m) => m.units / m.seconds)),
    p99Ms: median(measures.map((m) => m.p99Ms)),
    cpuPerUnit: median(measures.map(cpuPerUnit)),
    userPerUnit: median(measures.map((m) => m.serverUserMicros / Math.max(1, m.units))),
    redisCpuPerUnit:
      redis.length === measures.length ? median(measures.map((m) => (m.redisCpuMicros ?? 0) / Math.max(1, m.units))) : null,
    clientCpuShare: median(measures.map((m) => m.clientCpuMicros / (m.seconds * 1e6))),
    failures: measures.reduce((sum, m) => sum + m.failures, 0),
    signedInWindow: measures.reduce((sum, m) => sum + m.signedInWindow, 0),
  };
}

/**
 * The median over rounds of each round's ratio of CPU per unit (all of it, or what `micros` picks),
 * and its range; null when either is missing.
 */
export function ratio(
  results: ReadonlyMap<string, readonly Measure[]>,
  scenario: string,
  baseline: string,
  micros: (m: Measure) => number = (m) => m.serverCpuMicros,
) {
  const measured = results.get(scenario);
  const base = results.get(baseline);
  if (!measured || !base || measured.length === 0 || measured.length !== base.length) return null;
  const perUnit = (m: Measure) => micros(m) / Math.max(1, m.units);
  const ratios = measured.map((m, round) => perUnit(m) / perUnit(base[round]!));
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const micros = (n: number) => `${n >= 100 ? Math.round(n) : n.toFixed(1)} µs`;
const times = (n: number) => `${n.toFixed(2)}x`;

/** The table of every scenario measured. */
export function scenarioTable(summaries: readonly Summary[], results: ReadonlyMap<string, readonly Measure[]>): string {
  const lines = [
    '| Scenario | Throughput | p99 latency | Server CPU per unit | of which user | vs bare Koa | vs Signet unprotected |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const summary of summaries) {
    const { name, label, unit } = summary.scenario;
    const perUnit = unit === 'handshake' ? '/s (handshakes)' : ' req/s';
    const redis = summary.redisCpuPerUnit === null ? '' : ` (+ Redis ${micros(summary.redisCpuPerUnit)})`;
    const versus = (baseline: string) => {
      const found = name === baseline || unit === 'handshake' ? null : ratio(results, name, baseline);
      return found ? times(found.median) : '';
    };
    lines.push(
      `| ${label} | ${whole(summary.rate)}${perUnit} | ${summary.p99Ms.toFixed(1)} ms | ${micros(summary.cpuPerUnit)}${redis} | ${micros(summary.userPerUnit)} | ${versus('koa')} | ${versus('public')} |`,
    );
  }
  return lines.join('\n');
}

/** The goals, each with its measured ratio, its range over the rounds, and whether it is met; user time's ratio beside. */
export function goalTable(results: ReadonlyMap<string, readonly Measure[]>): string {
  const lines = ['| Goal (server CPU per request) | Measured | Range over rounds | | User time alone |', '|---|---|---|---|---|'];
  for (const goal of GOALS) {
    const found = ratio(results, goal.scenario, goal.baseline);
    const user = ratio(results, goal.scenario, goal.baseline, (m) => m.serverUserMicros);
    if (!found || !user) continue;
    const verdict = found.median <= goal.limit ? 'met' : 'missed';
    lines.push(
      `| ${goal.label}: at most ${times(goal.limit)} | ${times(found.median)} | ${times(found.min)} to ${times(found.max)} | ${verdict} | ${times(user.median)} |`,
    );
  }
  return lines.join('\n');
}

export function referenceLines(results: ReadonlyMap<string, readonly Measure[]>): string {
  const lines: string[] = [];
  for (const reference of REFERENCES) {
    const found = ratio(results, reference.scenario, reference.baseline);
    if (found) lines.push(`- ${reference.label}: ${times(found.median)} (${times(found.min)} to ${times(found.max)})`);
  }
  return lines.join('\n');
}

/**
 * Replaces what lies between `begin` and `end` in `file` with `content`; when the file or the
 * markers are missing, writes `skeleton(block)` (the file) or appends the block.
 */
export function writeBetweenMarkers(
  file: string,
  begin: string,
  end: string,
  content: string,
  skeleton: (block: string) => string,
): void {
  const block = `${begin}\n${content.trim()}\n${end}`;
  if (!existsSync(file)) {
    writeFileSync(file, skeleton(block));
    return;
  }
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  writeFileSync(
    file,
    from === -1 || to < from ? `${text.trimEnd()}\n\n${block}\n` : `${text.slice(0, from)}${block}${text.slice(to + end.length)}`,
  );
}
