/**
 * What HTTP adds to a reader query: `GET /mongo/db1/user_collection1/_find?limit=50&sort={"name":1}`
 * with user1's session, against the very same find called directly on a MemoryDocumentSource holding
 * the same demo collection, in alternating windows.
 *
 *     npm run bench:reader [-- --rounds 5 --seconds 2 --concurrency 16 --path PATH]
 *
 * `--path` loads another route with the same session instead (`/mongo/db1/user_collection1/_count`,
 * or `/api/public/hello/` for the cost of a request that does nothing); the direct side stays the find.
 * The server is `src/main.ts` under tsx in a child process (as `npm start` runs it: memory store,
 * memory source), so that it and this process each have a core. The direct side runs the source's
 * find in this process, one call after another. Each window reports operations per second and CPU
 * time per operation (the server's, for HTTP); the summary gives medians and their ratios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MemoryDocumentSource } from '../src/adapters/memory/memory-document-source.js';
import { DEMO_NAMESPACE, demoDocuments } from '../src/application/reader/reader-demo.js';
import { permittedFind } from '../src/domain/reader/permitted-query.js';
import { DEFAULT_READER_LIMITS } from '../src/domain/reader/reader-limits.js';
import { parseFindRequest } from '../src/domain/reader/reader-request.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    path: { type: 'string' },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
const concurrency = Number(options.concurrency);
const PARAMETERS = { limit: '50', sort: '{"name":1}' };
const PATH = options.path ?? `/mongo/db1/user_collection1/_find?${new URLSearchParams(PARAMETERS).toString()}`;

interface Window {
  perSecond: number;
  /** CPU time per operation, in microseconds: the server's for HTTP, this process's for direct calls. */
  cpuMicros: number;
}

async function main(): Promise<void> {
  const port = await freePort();
  const server = await startServer(port);
  try {
    const cookie = await logIn(port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const source = new MemoryDocumentSource();
    await source.seedIfEmpty(DEMO_NAMESPACE, demoDocuments());
    const query = permittedFind(
      parseFindRequest({ ...DEMO_NAMESPACE, parameters: PARAMETERS }),
      { pin: [], hiddenFields: [], maxLimit: undefined },
      DEFAULT_READER_LIMITS,
    );
    if ((await source.find(query)).length !== 50) throw new Error('the direct find did not return 50 documents');

    await httpWindow(port, agent, cookie, server, 1);
    await directWindow(source, query, 1);
    const results: { http: Window; direct: Window }[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      const viaHttp = await httpWindow(port, agent, cookie, server, seconds);
      const direct = await directWindow(source, query, seconds);
      results.push({ http: viaHttp, direct });
      console.log(
        `round ${round}: HTTP ${viaHttp.perSecond.toFixed(0)} req/s (${viaHttp.cpuMicros.toFixed(0)} µs server CPU each); ` +
          `direct ${direct.perSecond.toFixed(0)} finds/s (${direct.cpuMicros.toFixed(0)} µs CPU each)`,
      );
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    const httpRate = median(results.map((result) => result.http.perSecond));
    const directRate = median(results.map((result) => result.direct.perSecond));
    const httpCpu = median(results.map((result) => result.http.cpuMicros));
    const directCpu = median(results.map((result) => result.direct.cpuMicros));
    console.log(`\nmedians over ${rounds} rounds of ${seconds} s, ${concurrency} requests in flight:`);
    console.log(`  HTTP:   ${httpRate.toFixed(0)} req/s, ${httpCpu.toFixed(0)} µs of server CPU per request`);
    console.log(`  direct: ${directRate.toFixed(0)} finds/s, ${directCpu.toFixed(0)} µs of CPU per find`);
    console.log(
      `  ratio:  HTTP serves ${(httpRate / directRate).toFixed(2)}x the direct rate; a request costs ${(httpCpu / directCpu).toFixed(2)}x a direct find`,
    );
    agent.destroy();
  } finally {
    server.kill('SIGTERM');
  }
}

async function httpWindow(
  port: number,
  agent: http.Agent,
  cookie: string,
  server: ChildProcess,
  duration: number,
): Promise<Window> {
  let done = 0;
  const before = cpuTicks(server.pid!);
  const started = performance.now();
  const deadline = started + duration * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const { status } = await request(port, 'GET', PATH, { cookie }, agent);
      if (status !== 200) throw new Error(`${PATH} answered ${status}`);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpuSeconds = (cpuTicks(server.pid!) - before) / 100;
  return { perSecond: done / elapsed, cpuMicros: (cpuSeconds / done) * 1e6 };
}

async function directWindow(
  source: MemoryDocumentSource,
  query: Parameters<MemoryDocumentSource['find']>[0],
  duration: number,
): Promise<Window> {
  let done = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + duration * 1000;
  while (performance.now() < deadline) {
    await source.find(query);
    done += 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: done / elapsed, cpuMicros: (used.user + used.system) / done };
}

/** Logs in as user1 through the provider's form; the session cookie. */
async function logIn(port: number): Promise<string> {
  const form = await request(port, 'GET', '/login/', {});
  const csrfCookie = form.cookies.join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const body = new URLSearchParams({ _csrf: token, username: 'user1', password: '123' }).toString();
  const done = await request(
    port,
    'POST',
    '/login/',
    { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    undefined,
    body,
  );
  if (done.status !== 303) throw new Error(`login answered ${done.status}`);
  return done.cookies.join('; ');
}

function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  agent?: http.Agent,
  body?: string,
): Promise<{ status: number; body: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const sent = http.request({ host: '127.0.0.1', port, path, method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          cookies: (response.headers['set-cookie'] ?? []).map((line) => line.split(';')[0] ?? ''),
        }),
      );
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** CPU time a process has used so far (user and system), in clock ticks of 1/100 s. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      CACHE: 'memory',
      STORE: 'memory',
      READER_SOURCE: 'memory',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with status ${child.exitCode}`);
    if (Date.now() - started > 30_000) throw new Error('the server did not answer within 30 s');
    const up = await request(port, 'GET', '/health/live', {}).then(
      (answer) => answer.status === 200,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

await main();
