import { describeMachine, loadAverages } from '../machine.js';
import { writeBetweenMarkers } from '../report.js';
import { startServer, type ServerSpec } from '../servers.js';
import { scaleTable, type ScaleRow } from './scale-section.js';
import { scaleScenarios } from './scenarios.js';

const BEGIN = '<!-- bench-scale:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench-scale:end -->';

export interface ScaleRunOptions {
  seconds: number;
  /** The report to write into (docs/performance.md), or null to print only. */
  output: string | null;
  command: string;
  /** The compiled Signet's server spec with these settings. */
  signet: (name: string, env: Record<string, string>) => ServerSpec;
}

/** Runs every scale scenario in turn and writes the scale section of the report. */
export async function runScale(options: ScaleRunOptions): Promise<void> {
  const startedAt = new Date();
  const load = loadAverages();
  const rows: ScaleRow[] = [];
  console.log(`\nscale section: ${scaleScenarios.map((scenario) => scenario.name).join(', ')}; load average ${load}`);
  for (const scenario of scaleScenarios) {
    rows.push(
      ...(await scenario.run({
        startSignet: async (name, env) => {
          const server = await startServer(options.signet(name, env));
          // A v2 request dated before the first whole second after the start is refused as a possible replay.
          await new Promise((resolve) => setTimeout(resolve, 1100));
          return server;
        },
        seconds: options.seconds,
        log: (line) => console.log(`  ${line}`),
      })),
    );
  }
  const table = scaleTable(rows);
  console.log(`\n${table}`);
  if (options.output === null) return;
  const report = [
    `Measured on ${startedAt.toISOString().slice(0, 10)} with \`${options.command}\`, each figure over ${options.seconds} s or more after a warm-up, one Signet per size (memory store and cache), the load generator on the same machine.`,
    '',
    `Machine: ${describeMachine()}. Load average when the section began: ${load}.`,
    '',
    table,
  ].join('\n');
  writeBetweenMarkers(options.output, BEGIN, END, report, (block) => `# Performance\n\n${block}\n`);
  console.log(`wrote the scale section of ${options.output}`);
}
