/**
 * The reader's memory source as its collection grows: a sorted `_find` of 50 at 1,000 and 100,000
 * documents, and the server's peak memory while it exports 100,000 rows.
 *
 *     npx tsx bench/scale-reader.ts [--rounds 5 --seconds 2 --write | --json]
 *
 * The find is the use case's own query (`limit=50&sort={"name":1}`, every field) called on a
 * MemoryDocumentSource in this process; CPU is this process's, every thread counted (the query
 * runs on the source's query thread). Beside it, the longest the event loop waited while the finds
 * ran. The export runs against Signet in a child process (`src/main.ts` under tsx, memory source
 * seeded with 100,000 documents), downloaded by a client that reads as fast as it can (twice: the
 * first export of a fresh server, then another), and by one that takes one chunk every 5 ms; the
 * child samples its own RSS and V8 heap size every 5 ms, and its live heap (after a forced
 * collection) every 100 ms.
 * `--write` puts the figures in docs/performance.md, between the markers of the scale section.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MemoryDocumentSource } from '../src/adapters/memory/memory-document-source.js';
import { DEMO_NAMESPACE } from '../src/application/reader/reader-demo.js';
import { permittedFind } from '../src/domain/reader/permitted-query.js';
import { DEFAULT_READER_LIMITS } from '../src/domain/reader/reader-limits.js';
import { parseFindRequest } from '../src/domain/reader/reader-request.js';
import { describeMachine, loadAverages } from './machine.js';
import { scaleDocuments } from './scale-documents.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '2' },
    write: { type: 'boolean', default: false },
    /** Print the figures as one line of JSON (what `npm run bench`'s scale section reads). */
    json: { type: 'boolean', default: false },
    serve: { type: 'string' },
  },
});

export interface FindFigures {
  documents: number;
  cpuMs: number;
  wallMs: number;
  /** How long the event loop waited, at the 99th percentile and at most, while the finds ran. */
  p99LoopDelayMs: number;
  maxLoopDelayMs: number;
  /** The server thread's own busy time per query (event-loop utilization), the rest being the query thread's. */
  mainThreadMs: number;
}

export interface ExportFigures {
  rows: number;
  client: string;
  peakRiseMb: number;
  /** What V8 reserved for the server thread's heap, live or not: its young generation grows under load. */
  heapSizeRiseMb: number;
  peakHeapRiseMb: number;
  seconds: number;
}

async function sortedFind(documents: number, rounds: number, seconds: number): Promise<FindFigures> {
  const source = new MemoryDocumentSource();
  await source.seedIfEmpty(DEMO_NAMESPACE, scaleDocuments(documents));
  const query = permittedFind(
    parseFindRequest({ ...DEMO_NAMESPACE, parameters: { limit: '50', sort: '{"name":1}' } }),
    { pin: [], hiddenFields: [], maxLimit: undefined },
    DEFAULT_READER_LIMITS,
  );
  if ((await source.find(query)).length !== 50) throw new Error('the find did not return 50 documents');
  const cpu: number[] = [];
  const wall: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const busy: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let done = 0;
    const used = process.cpuUsage();
    const utilization = performance.eventLoopUtilization();
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      await source.find(query);
      done += 1;
    }
    const spent = process.cpuUsage(used);
    cpu.push((spent.user + spent.system) / 1000 / done);
    busy.push(performance.eventLoopUtilization(utilization).active / done);
    wall.push((performance.now() - started) / done);
  }
  delay.disable();
  await source.close();
  return {
    documents,
    cpuMs: median(cpu),
    wallMs: median(wall),
    p99LoopDelayMs: delay.percentile(99) / 1e6,
    maxLoopDelayMs: delay.max / 1e6,
    mainThreadMs: median(busy),
  };
}

/** Runs as the server (`--serve ROWS`): Signet on a memory source seeded with ROWS documents. */
async function serve(rows: number): Promise<void> {
  const { loadConfig } = await import('../src/config/load-config.js');
  const { startRuntime } = await import('../src/runtime.js');
  const { createHttpServer } = await import('../src/adapters/http/http-server.js');
  const { asValue } = await import('awilix');
  const source = new MemoryDocumentSource();
  await source.seedIfEmpty(DEMO_NAMESPACE, scaleDocuments(rows));
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' });
  const runtime = await startRuntime(config, {
    overrides: { documentSource: asValue(source), documentSeeder: asValue(source), readerConnections: asValue([source]) },
  });
  const server = createHttpServer(runtime.app, runtime.config.limits);
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  let peak = 0;
  let peakHeap = 0;
  let peakHeapSize = 0;
  const sample = setInterval(() => {
    const { rss, heapTotal } = process.memoryUsage();
    peak = Math.max(peak, rss);
    peakHeapSize = Math.max(peakHeapSize, heapTotal);
  }, 5);
  // The heap that is live (after a collection), not garbage waiting for one: what an export holds.
  const live = setInterval(() => {
    global.gc?.();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 100);
  process.on('message', (message: unknown) => {
    if (message === 'baseline') {
      global.gc?.();
      ({ rss: peak, heapUsed: peakHeap, heapTotal: peakHeapSize } = process.memoryUsage());
      process.send?.({ baseline: peak, baselineHeap: peakHeap, baselineHeapSize: peakHeapSize });
    } else if (message === 'peak') {
      process.send?.({ peak, peakHeap, peakHeapSize });
    } else {
      clearInterval(sample);
      clearInterval(live);
      server.close();
      void runtime.close().then(() => process.exit(0));
    }
  });
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
}

async function exportPeaks(rows: number): Promise<ExportFigures[]> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', String(rows)], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  const { port } = await reply<{ port: number }>(child, null, 'port');
  const cookie = await logIn(port);
  const figures: ExportFigures[] = [];
  for (const [client, pace] of [
    ['reading as fast as it can, the first export of the server', null],
    ['reading as fast as it can, the next export', null],
    ['reading one chunk every 5 ms', { everyMs: 5 }],
  ] as const) {
    // A first export warms the path, so that what follows measures the export, not the code's loading.
    await download(port, cookie, null, 1000);
    const { baseline, baselineHeap, baselineHeapSize } = await reply<{
      baseline: number;
      baselineHeap: number;
      baselineHeapSize: number;
    }>(child, 'baseline', 'baseline');
    const started = performance.now();
    const got = await download(port, cookie, pace, rows);
    const { peak, peakHeap, peakHeapSize } = await reply<{ peak: number; peakHeap: number; peakHeapSize: number }>(
      child,
      'peak',
      'peak',
    );
    if (got !== rows + 1) throw new Error(`the export gave ${got} lines, not ${rows + 1}`);
    figures.push({
      rows,
      client,
      peakRiseMb: (peak - baseline) / 2 ** 20,
      heapSizeRiseMb: (peakHeapSize - baselineHeapSize) / 2 ** 20,
      peakHeapRiseMb: (peakHeap - baselineHeap) / 2 ** 20,
      seconds: (performance.now() - started) / 1000,
    });
  }
  child.send('stop');
  return figures;
}

function reply<T>(child: ChildProcess, ask: string | null, key: string): Promise<T> {
  return new Promise((resolve) => {
    const listen = (message: unknown) => {
      if (typeof message === 'object' && message !== null && key in message) {
        child.off('message', listen);
        resolve(message as T);
      }
    };
    child.on('message', listen);
    if (ask !== null) child.send(ask);
  });
}

/** Downloads `exportcsv/` of `limit` rows, reading at `pace` (or at once); the lines it held. */
function download(port: number, cookie: string, pace: { everyMs: number } | null, below: number): Promise<number> {
  const path = `/mongo/db1/user_collection1/exportcsv/?${new URLSearchParams({
    projection: '{"name":"Name","gender":"Gender","lastlogin":"Last login"}',
    criteria: JSON.stringify({ n: { $lt: below } }),
  }).toString()}`;
  return new Promise((resolve, reject) => {
    const sent = http.get({ host: '127.0.0.1', port, path, headers: { cookie } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`the export answered ${response.statusCode}`));
      let lines = 0;
      const count = (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 10) lines += 1;
      };
      response.on('end', () => resolve(lines));
      response.on('error', reject);
      if (pace === null) {
        response.on('data', count);
        return;
      }
      // One chunk at a time: what the socket holds at most, then nothing until the next tick.
      const tick = setInterval(() => {
        const chunk = response.read() as Buffer | null;
        if (chunk !== null) count(chunk);
      }, pace.everyMs);
      response.on('end', () => clearInterval(tick));
      response.pause();
    });
    sent.on('error', reject);
  });
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

/** Logs in as user1 through the provider's form; the session cookie. */
async function logIn(port: number): Promise<string> {
  const form = await fetch(`http://127.0.0.1:${port}/login/`);
  const csrfCookie = form.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const done = await fetch(`http://127.0.0.1:${port}/login/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username: 'user1', password: '123' }).toString(),
  });
  if (done.status !== 303) throw new Error(`login answered ${done.status}`);
  return done.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

function report(finds: FindFigures[], exports: ExportFigures[]): string {
  const [small, large] = finds;
  const ratio = small && large ? large.cpuMs / small.cpuMs : NaN;
  const lines = [
    `Measured on ${describeMachine()}; load averages ${loadAverages()} when it began.`,
    '',
    '| Memory source | CPU per query (all threads) | Server thread busy per query | Wall time per query | Event-loop wait, p99 / longest |',
    '|---|---|---|---|---|',
    ...finds.map(
      (figures) =>
        `| sorted \`_find\` of 50, ${figures.documents.toLocaleString('en')} documents | ${figures.cpuMs.toFixed(2)} ms | ${figures.mainThreadMs.toFixed(2)} ms | ${figures.wallMs.toFixed(2)} ms | ${figures.p99LoopDelayMs.toFixed(1)} / ${figures.maxLoopDelayMs.toFixed(1)} ms |`,
    ),
    '',
    `100,000 documents cost ${ratio.toFixed(1)}x 1,000 (goal: at most 10x).`,
    '',
    '| Export | Peak RSS above the idle server | V8 heap size above it | Peak live heap above it | Time |',
    '|---|---|---|---|---|',
    ...exports.map(
      (figures) =>
        `| ${figures.rows.toLocaleString('en')} rows, a client ${figures.client} | ${figures.peakRiseMb.toFixed(1)} MB | ${figures.heapSizeRiseMb.toFixed(1)} MB | ${figures.peakHeapRiseMb.toFixed(1)} MB | ${figures.seconds.toFixed(1)} s |`,
    ),
  ];
  return lines.join('\n');
}

const START = '<!-- scale-reader:start -->';
const END = '<!-- scale-reader:end -->';

async function main(): Promise<void> {
  if (options.serve !== undefined) return serve(Number(options.serve));
  const rounds = Number(options.rounds);
  const seconds = Number(options.seconds);
  const finds = [await sortedFind(1000, rounds, seconds), await sortedFind(100_000, rounds, seconds)];
  const exports = await exportPeaks(100_000);
  if (options.json) {
    console.log(JSON.stringify({ finds, exports }));
    return;
  }
  const text = report(finds, exports);
  console.log(text);
  if (!options.write) return;
  const file = `${root}docs/performance.md`;
  const current = readFileSync(file, 'utf8');
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/performance.md has no ${START} ... ${END} markers`);
  writeFileSync(file, `${current.slice(0, from + START.length)}\n${text}\n${current.slice(to)}`);
}

await main();
