/**
 * Throughput of signed requests against the unprotected baseline, in one run:
 * `GET /api/public/hello/`, v1-signed `GET /api/hello/` and v2-signed `GET /api/hello/`, in
 * alternating rounds; `--routes v1-refused` adds v1 requests signed with a wrong SEC key, the path
 * of a refusal (403 `signature error`). The server runs in a child process, so that it and this load generator
 * each have a core; the server's CPU use is reported to show it, not the generator, is the limit.
 *
 * Every signed request is signed on its own (v2: a fresh nonce and date each), but just before
 * its window rather than inside it: signing in the window would tax the generator's core, not the
 * server's, and so distort the ratios the bench is for.
 *
 *     npm run bench [-- --rounds 5 --seconds 2 --concurrency 32 --routes public,v1,v2,v1-refused]
 *
 * The server is `src/main.ts` under tsx, as `npm start` runs it, on memory adapters. Each line gives
 * a window's throughput and both processes' CPU use; the summary gives medians, the server's CPU
 * time per request, and the ratios to public against the goals (v1 >= 0.8x, v2 >= 0.7x).
 * `--profile DIR` has the server write a V8 CPU profile there when it stops (open it in Chrome's
 * DevTools or VS Code).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_API_KEY } from '../src/application/demo/demo-data.js';
import { randomNonce, signHeadersV2, signUrlV1 } from '../src/client/signet-client.js';
import { formatBasicIsoDate } from '../src/domain/api-auth/timestamps.js';

const GOALS: Partial<Record<RouteName, number>> = { v1: 0.8, v2: 0.7 };
const root = fileURLToPath(new URL('../', import.meta.url));

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '1' },
    routes: { type: 'string', default: 'public,v1,v2' },
    profile: { type: 'string' },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
const concurrency = Number(options.concurrency);
const warmupSeconds = Number(options.warmup);
const chosenRoutes = new Set(options.routes.split(','));

type RouteName = 'public' | 'v1' | 'v2' | 'v1-refused';

interface Route {
  name: RouteName;
  label: string;
  /** The status every request of the route should get. */
  status: number;
  /** A freshly signed request: its path and query, and its headers. */
  next(): { path: string; headers: Record<string, string> };
}

function routes(port: number): Route[] {
  const { apiKey, secretKey } = DEMO_API_KEY;
  const origin = `http://127.0.0.1:${port}`;
  return [
    {
      name: 'public',
      label: 'GET /api/public/hello/ (no signature)',
      status: 200,
      next: () => ({ path: '/api/public/hello/', headers: {} }),
    },
    {
      name: 'v1',
      label: 'GET /api/hello/ signed with v1',
      status: 200,
      next: () => ({
        path: signUrlV1({ apiKey, secretKey, url: '/api/hello/', timestamp: Math.floor(Date.now() / 1000) }),
        headers: {},
      }),
    },
    {
      // The refusal path: the demo key with a wrong SEC key, so every request is a `signature error`.
      name: 'v1-refused',
      label: 'GET /api/hello/, v1, wrong SEC key (403)',
      status: 403,
      next: () => ({
        path: signUrlV1({ apiKey, secretKey: 'not-the-sec-key', url: '/api/hello/', timestamp: Math.floor(Date.now() / 1000) }),
        headers: {},
      }),
    },
    {
      name: 'v2',
      label: 'GET /api/hello/ signed with v2',
      status: 200,
      next: () => ({
        path: '/api/hello/',
        headers: {
          ...signHeadersV2({
            apiKey,
            secretKey,
            method: 'GET',
            url: `${origin}/api/hello/`,
            date: formatBasicIsoDate(Date.now()),
            nonce: randomNonce(),
          }),
        },
      }),
    },
  ];
}

interface Measure {
  requestsPerSecond: number;
  failures: number;
  /** Share of one core the server used, in percent. */
  serverCpu: number;
  /** Share of one core this process used, in percent. */
  clientCpu: number;
}

type Prepared = ReturnType<Route['next']>;

/**
 * Keeps `concurrency` requests in flight on keep-alive connections for `duration` seconds, taking
 * them from `expected` requests signed beforehand, then signing more if the window outlasts them.
 */
async function load(
  route: Route,
  port: number,
  agent: http.Agent,
  duration: number,
  server: ChildProcess,
  expected: number,
): Promise<Measure> {
  const prepared: Prepared[] = Array.from({ length: Math.ceil(expected) }, () => route.next());
  let taken = 0;
  let ok = 0;
  let failures = 0;
  const serverBefore = cpuTicks(server.pid!);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + duration * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const status = await send(prepared[taken++] ?? route.next(), port, agent);
      if (status === route.status) ok += 1;
      else failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  return {
    requestsPerSecond: ok / elapsed,
    failures,
    serverCpu: ((cpuTicks(server.pid!) - serverBefore) / ticksPerSecond / elapsed) * 100,
    clientCpu: ((client.user + client.system) / 1e6 / elapsed) * 100,
  };
}

function send({ path, headers }: Prepared, port: number, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

/** CPU time a process has used so far (user and system, all threads), in clock ticks. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
// Linux reports /proc times in USER_HZ, which is 100 on every mainstream architecture.
const ticksPerSecond = 100;

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

/** `src/main.ts` in a child process on memory adapters, quiet; resolves once it answers. */
async function startServer(port: number): Promise<ChildProcess> {
  const profiling = options.profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.profile];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      CACHE: 'memory',
      STORE: 'memory',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with status ${child.exitCode}`);
    if (Date.now() - started > 30_000) throw new Error('the server did not answer within 30 s');
    const up = await new Promise<boolean>((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/api/public/hello/' }, (response) => {
          response.resume();
          resolve(response.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const escalate = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(escalate);
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const whole = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const port = await freePort();
  const server = await startServer(port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const all = routes(port).filter((route) => chosenRoutes.has(route.name));
  const results = new Map<RouteName, Measure[]>(all.map((route) => [route.name, []]));
  try {
    console.log(
      `Signet api-auth bench: ${rounds} rounds x ${all.length} routes x ${seconds} s, ` +
        `concurrency ${concurrency}, keep-alive, server pid ${server.pid} on 127.0.0.1:${port}`,
    );
    // The warm-up also tells how many requests to sign ahead of each window: half again as many as it served.
    const expected = new Map<RouteName, number>();
    for (const route of all) {
      const warm = await load(route, port, agent, warmupSeconds, server, 30_000 * warmupSeconds);
      expected.set(route.name, warm.requestsPerSecond * seconds * 1.5);
    }
    console.log('round  route   req/s     failed  server CPU  client CPU');
    for (let round = 0; round < rounds; round += 1) {
      // Each round starts with another route, so that no route always follows the same one.
      const order = all.map((_, index) => all[(index + round) % all.length]!);
      for (const route of order) {
        const measure = await load(route, port, agent, seconds, server, expected.get(route.name)!);
        results.get(route.name)!.push(measure);
        console.log(
          `${String(round + 1).padEnd(5)}  ${route.name.padEnd(6)}  ${whole(measure.requestsPerSecond).padStart(8)}  ` +
            `${String(measure.failures).padStart(6)}  ${measure.serverCpu.toFixed(0).padStart(9)}%  ${measure.clientCpu.toFixed(0).padStart(9)}%`,
        );
      }
    }
  } finally {
    agent.destroy();
    await stopServer(server);
  }

  const baseline = results.get('public');
  const serverMicros = (m: Measure) => ((m.serverCpu / 100) * 1e6) / m.requestsPerSecond;
  console.log(
    "\nmedian over rounds (ratios: the median of each round's ratio to public, so that a busy machine skews them less)",
  );
  for (const route of all) {
    const measures = results.get(route.name)!;
    const rate = median(measures.map((m) => m.requestsPerSecond));
    const cost = median(measures.map(serverMicros));
    let line = `  ${route.label.padEnd(38)} ${whole(rate).padStart(8)} req/s  server CPU ${cost.toFixed(0).padStart(3)} us/request`;
    if (route.name !== 'public' && baseline && baseline.length > 0) {
      const ratio = median(measures.map((m, round) => m.requestsPerSecond / baseline[round]!.requestsPerSecond));
      const costRatio = median(measures.map((m, round) => serverMicros(baseline[round]!) / serverMicros(m)));
      const goal = GOALS[route.name];
      line += `  ${ratio.toFixed(2)}x public (by server CPU ${costRatio.toFixed(2)}x)`;
      if (goal !== undefined) line += `, goal >= ${goal}x: ${ratio >= goal ? 'met' : 'MISSED'}`;
    }
    console.log(line);
  }
  const generatorBound = baseline && median(baseline.map((m) => m.clientCpu)) >= 90;
  if (generatorBound) {
    console.log('\nthe load generator used most of a core on public: the baseline may be understated, and the ratios flattering');
  }
  const failures = [...results.values()].flat().reduce((sum, m) => sum + m.failures, 0);
  if (failures > 0) {
    console.log(`\n${failures} requests did not get their route's status: the figures above count only those that did`);
  }
}

await main();
