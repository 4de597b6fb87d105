import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ScaleRow, ScaleScenario } from './scale-section.js';

const FIND_GOAL = 10;
const EXPORT_GOAL_MB = 10;
const root = fileURLToPath(new URL('../../', import.meta.url));

const figures = z.object({
  finds: z.array(z.object({ documents: z.number(), cpuMs: z.number(), mainThreadMs: z.number(), maxLoopDelayMs: z.number() })),
  exports: z.array(
    z.object({
      rows: z.number(),
      client: z.string(),
      peakRiseMb: z.number(),
      heapSizeRiseMb: z.number(),
      peakHeapRiseMb: z.number(),
    }),
  ),
});

/**
 * The reader's memory source as its collection grows (bench/scale-reader.ts, run as a process of its
 * own since it measures its own threads): a sorted `_find` of 50 at 1,000 and 100,000 documents, and
 * the server's peak memory while it exports 100,000 rows to a fast client (the server's first export
 * and the next) and to a slow one.
 */
export const readerScale: ScaleScenario = {
  name: 'reader',
  async run(context) {
    const measured = figures.parse(JSON.parse(await lastLine(['--json', '--rounds', '3', '--seconds', String(context.seconds)])));
    const rows: ScaleRow[] = [];
    const [small, large] = measured.finds;
    for (const find of measured.finds) {
      const ratio = small && find !== small ? find.cpuMs / small.cpuMs : null;
      rows.push({
        measure: 'sorted `_find` of 50 on the memory source: CPU per query, every thread (server thread alone)',
        size: `${find.documents.toLocaleString('en')} documents`,
        figure: `${find.cpuMs.toFixed(2)} ms (${find.mainThreadMs.toFixed(2)} ms)`,
        goal:
          ratio === null
            ? ''
            : `at most ${FIND_GOAL}x the smallest: ${ratio <= FIND_GOAL ? 'met' : 'missed'} (${ratio.toFixed(1)}x)`,
      });
    }
    if (!large) context.log('the reader scale gave no figure for 100,000 documents');
    for (const exported of measured.exports) {
      rows.push({
        measure: `export to CSV, a client ${exported.client}: peak RSS above the idle server (V8 heap size; live heap)`,
        size: `${exported.rows.toLocaleString('en')} rows`,
        figure: `${exported.peakRiseMb.toFixed(1)} MB (${exported.heapSizeRiseMb.toFixed(1)} MB; ${exported.peakHeapRiseMb.toFixed(1)} MB)`,
        goal: `under ${EXPORT_GOAL_MB} MB: ${exported.peakRiseMb < EXPORT_GOAL_MB ? 'met' : 'missed'}`,
      });
    }
    return rows;
  },
};

/** Runs bench/scale-reader.ts with these arguments and resolves the last line it printed. */
function lastLine(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/scale-reader.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = output.trim().split('\n').at(-1);
      if (code === 0 && line) resolve(line);
      else reject(new Error(`bench/scale-reader.ts exited ${String(code)}`));
    });
  });
}
