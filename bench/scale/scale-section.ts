/**
 * The scale section of `npm run bench`: what a request costs as the data grows, each size against
 * the smallest in the same run. It is a list of scenarios, each measuring on servers of its own and
 * giving rows of one table: add a scenario to `scaleScenarios` (bench/scale/scenarios.ts) to add rows.
 */
import type { BenchServer, ServerSpec } from '../servers.js';

/** One row of the scale table: what was measured, at which size, the figure, and the goal when there is one. */
export interface ScaleRow {
  measure: string;
  size: string;
  figure: string;
  /** The goal and whether it was met, e.g. "at most 2x: met (1.1x)"; empty when the row has none. */
  goal: string;
}

/** What every scale scenario is given: a way to start Signet as production runs it. */
export interface ScaleContext {
  /** Starts the compiled Signet with these settings over the bench's (memory store and cache, no log). */
  startSignet(name: string, env: Record<string, string>): Promise<BenchServer>;
  /** How long to measure each figure, in seconds. */
  seconds: number;
  log(line: string): void;
}

export interface ScaleScenario {
  name: string;
  run(context: ScaleContext): Promise<ScaleRow[]>;
}

/** The table of rows, as docs/performance.md shows it. */
export function scaleTable(rows: readonly ScaleRow[]): string {
  const lines = ['| Measure | Size | Figure | Goal |', '| --- | --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${row.measure} | ${row.size} | ${row.figure} | ${row.goal || '—'} |`);
  return lines.join('\n');
}

/** A ServerSpec factory's settings made into the function scenarios call. */
export function signetStarter(
  spec: (name: string, env: Record<string, string>) => ServerSpec,
  start: (spec: ServerSpec) => Promise<BenchServer>,
): ScaleContext['startSignet'] {
  return (name, env) => start(spec(name, env));
}

/** Runs `unit` on `concurrency` loops for `seconds`; the units done, the failures, the wall time and the server's CPU. */
export async function timed(
  server: BenchServer,
  seconds: number,
  concurrency: number,
  unit: (loop: number) => Promise<boolean>,
): Promise<{ units: number; failures: number; seconds: number; cpuMicros: number }> {
  let units = 0;
  let failures = 0;
  const before = await server.cpuMicros();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      while (performance.now() < deadline) {
        if (await unit(loop).catch(() => false)) units += 1;
        else failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const after = await server.cpuMicros();
  return { units, failures, seconds: elapsed, cpuMicros: after.total - before.total };
}
