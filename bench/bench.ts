/**
 * `npm run bench`: Signet's cost against the libraries a team would otherwise use, measured as the
 * servers' own CPU time per request (what the load generator cannot distort: on a small machine it
 * shares the cores, and its share moves throughput more than the server does), with throughput and
 * p99 latency alongside. See `npm run bench -- --help`, and docs/performance.md for the results.
 *
 * Every server runs in a child process of its own, as plain JavaScript run by node: Signet as
 * `npm run build` compiles it (into .bench-build/, as production runs it), the peers as written;
 * bench/cpu-probe.js reports each one's CPU time. The scenarios run in alternating rounds, each round starting with another one, so
 * that a busy spell of the machine spreads over all of them rather than hitting one.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { redisForTests, type TestRedis } from '../test/support/redis-process.js';
import { startReplicatedCluster, type ReplicatedCluster } from '../test/support/redis-replicated-cluster.js';
import { measure, type Measure } from './load.js';
import { describeMachine, loadAverages } from './machine.js';
import { readOptions, usage, UsageError, type BenchOptions } from './options.js';
import { goalTable, referenceLines, scenarioTable, summarize, writeBetweenMarkers } from './report.js';
import { READER_FIND_PARAMETERS, scenarios, type Scenario, type ServerName } from './scenarios.js';
import { runScale } from './scale/run-scale.js';
import { startServer, type BenchServer, type ServerSpec } from './servers.js';

const root = fileURLToPath(new URL('../', import.meta.url));

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = readOptions(
      process.argv.slice(2),
      scenarios.map((scenario) => scenario.name),
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}`);
    console.error(usage.split('\n')[0]);
    return 2;
  }
  if (options === 'help') {
    console.log(usage.replace('SCENARIOS', scenarios.map((scenario) => scenario.name).join(', ')));
    return 0;
  }
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const scale = async () => {
    buildSignet();
    await runScale({
      seconds: options.seconds,
      output: options.output === null ? null : `${root}${options.output}`,
      command,
      signet: (name, env) => signetSpec(name, env, []),
    });
  };
  if (options.scale === 'only') {
    await scale();
    return 0;
  }
  const chosen = scenarios.filter((scenario) => options.scenarios.includes(scenario.name));
  const startedAt = new Date();
  const load = loadAverages();
  const { servers, redis, redisPid, cluster } = await startServers(chosen, options);
  const results = new Map<string, Measure[]>(chosen.map((scenario) => [scenario.name, []]));
  try {
    console.log(
      `${chosen.length} scenarios x ${options.rounds} rounds x ${options.seconds} s, ${options.concurrency} connections; load average ${load}`,
    );
    for (const scenario of chosen) await scenario.setup?.(servers.get(scenario.server)!);
    const expected = new Map<string, number>();
    for (const scenario of chosen) {
      const server = servers.get(scenario.server)!;
      const warm = await measure(scenario, server, {
        seconds: Math.max(0.5, options.warmupSeconds),
        concurrency: options.concurrency,
        prepared: 20_000,
        redisPid: null,
      });
      expected.set(
        scenario.name,
        Math.min(400_000, Math.max(1000, Math.ceil((warm.units / warm.seconds) * options.seconds * 1.5))),
      );
    }
    console.log('round  scenario       units/s   failed   p99 ms   server CPU/unit   client CPU');
    for (let round = 0; round < options.rounds; round += 1) {
      const order = chosen.map((_, index) => chosen[(index + round) % chosen.length]!);
      for (const scenario of order) {
        const server = servers.get(scenario.server)!;
        const m = await measure(scenario, server, {
          seconds: options.seconds,
          concurrency: options.concurrency,
          prepared: expected.get(scenario.name)!,
          redisPid: scenario.server === 'signet-redis' ? redisPid : null,
        });
        results.get(scenario.name)!.push(m);
        console.log(
          `${String(round + 1).padEnd(5)}  ${scenario.name.padEnd(13)} ${Math.round(m.units / m.seconds)
            .toLocaleString('en-US')
            .padStart(8)}  ` +
            `${String(m.failures).padStart(7)}  ${m.p99Ms.toFixed(1).padStart(7)}  ${(m.serverCpuMicros / Math.max(1, m.units)).toFixed(1).padStart(12)} µs  ` +
            `${((m.clientCpuMicros / (m.seconds * 1e6)) * 100).toFixed(0).padStart(9)}%`,
        );
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
    await redis?.stop();
    await cluster?.stop();
  }

  const summaries = chosen.map((scenario) => summarize(scenario, results.get(scenario.name)!));
  const table = scenarioTable(summaries, results);
  const goals = goalTable(results);
  const references = referenceLines(results);
  console.log(`\n${table}\n\n${goals}\n\n${references}`);
  const failures = summaries.reduce((sum, summary) => sum + summary.failures, 0);
  if (failures > 0) console.log(`\n${failures} units did not get the expected answers: the figures count only those that did`);
  const signedLate = summaries.reduce((sum, summary) => sum + summary.signedInWindow, 0);

  if (options.output !== null) {
    const report = [
      `Measured on ${startedAt.toISOString().slice(0, 10)} with \`${command}\`: ${options.rounds} rounds of ${options.seconds} s per scenario, in alternating order, ${options.concurrency} keep-alive connections.`,
      '',
      `Machine: ${describeMachine()}. Load average when the run began: ${load} (the machine is shared with other work; the ratios, taken round by round, move less than the absolute figures).`,
      '',
      table,
      '',
      goals,
      '',
      'For reference (server CPU per request, median of the rounds, and range):',
      '',
      references,
      '',
      `Throughput and latency are the load generator's view: it runs on the same machine, shares its cores, and used ${summaries.map((s) => `${Math.round(s.clientCpuShare * 100)}%`).join(' / ')} of a core in the scenarios above, in order.` +
        (signedLate > 0 ? ` ${signedLate} units had to be signed inside their window, more than were signed ahead.` : '') +
        (failures > 0 ? ` ${failures} units did not get the expected answers; the figures count only those that did.` : ''),
    ].join('\n');
    const file = `${root}${options.output}`;
    writeBetweenMarkers(file, BEGIN, END, report, (block) => `# Performance\n\n${block}\n`);
    console.log(`\nwrote ${options.output}`);
  }
  if (options.scale === 'with') await scale();
  return 0;
}

const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:end -->';

async function startServers(chosen: readonly Scenario[], options: BenchOptions) {
  const needed = new Set(chosen.map((scenario) => scenario.server));
  let redis: TestRedis | null = null;
  let redisPid: number | null = null;
  if (needed.has('signet-redis')) {
    redis = await redisForTests();
    if (!redis) throw new Error('the Redis scenarios need Redis: set REDIS_URL, or put redis-server on PATH');
    redisPid = await localRedisPid(redis.url);
  }
  let cluster: ReplicatedCluster | null = null;
  if (needed.has('signet-cluster')) {
    const started = await startReplicatedCluster(CLUSTER_NODE_TIMEOUT_MS);
    if ('unavailable' in started)
      throw new Error(`the Redis Cluster scenario needs redis-server and redis-cli: ${started.unavailable}`);
    cluster = started;
  }
  if ([...needed].some((name) => name.startsWith('signet') || name === 'reader-direct')) buildSignet();
  const profile = options.profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.profileDir];
  const signet = (name: ServerName, env: Record<string, string>): ServerSpec => signetSpec(name, env, profile);
  const specs: Record<ServerName, () => ServerSpec> = {
    koa: () => ({ name: 'koa', args: ['bench/peers/peer-server.js', 'bare'], env: {}, readyPath: '/ready', nodeArgs: profile }),
    hawk: () => ({ name: 'hawk', args: ['bench/peers/peer-server.js', 'hawk'], env: {}, readyPath: '/ready', nodeArgs: profile }),
    hmac: () => ({ name: 'hmac', args: ['bench/peers/peer-server.js', 'hmac'], env: {}, readyPath: '/ready', nodeArgs: profile }),
    'reader-direct': () => ({
      name: 'reader-direct',
      args: ['bench/peers/reader-direct-server.js', BUILD_DIR, JSON.stringify(READER_FIND_PARAMETERS)],
      env: {},
      readyPath: '/ready',
      nodeArgs: profile,
    }),
    signet: () => signet('signet', {}),
    'signet-redis': () =>
      signet('signet-redis', { CACHE: 'redis', REDIS_URL: redis!.url, REDIS_KEY_PREFIX: `signet-bench:${randomUUID()}:` }),
    'signet-cluster': () =>
      signet('signet-cluster', {
        CACHE: 'redis',
        REDIS_CLUSTER_NODES: cluster!.nodes.join(','),
        REDIS_WAIT_REPLICAS: '1',
        REDIS_KEY_PREFIX: `signet-bench:${randomUUID()}:`,
      }),
    // The log goes to /dev/null: what it costs Signet to write it, not what it costs a collector to read it.
    'signet-logging': () => ({ ...signet('signet-logging', { LOG_LEVEL: 'info' }), quiet: true }),
  };
  const servers = new Map<ServerName, BenchServer>();
  for (const name of needed) servers.set(name, await startServer(specs[name]()));
  if (options.profileDir !== undefined) {
    // The profiles are named by pid: say whose is whose.
    console.log(
      `profiles in ${options.profileDir}: ${[...servers.values()].map((server) => `${server.name} pid ${server.pid}`).join(', ')}`,
    );
  }
  return { servers, redis, redisPid, cluster };
}

/** The compiled Signet on memory adapters with these settings over the bench's. */
function signetSpec(name: string, env: Record<string, string>, nodeArgs: readonly string[]): ServerSpec {
  return {
    name,
    args: [`${BUILD_DIR}/main.js`],
    env: {
      NODE_ENV: 'development',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      CACHE: 'memory',
      STORE: 'memory',
      SESSION_SECRET: 'a-session-secret-for-the-benchmark-only-0000',
      ...env,
    },
    readyPath: '/health/live',
    nodeArgs,
  };
}

const BUILD_DIR = '.bench-build/dist';
const CLUSTER_NODE_TIMEOUT_MS = 3000;

/** Compiles Signet as `npm run build` does, into .bench-build/: what production runs. */
function buildSignet(): void {
  console.log('compiling Signet (npm run build) into .bench-build/ ...');
  const built = spawnSync(process.execPath, ['scripts/build.js', '--out-dir', BUILD_DIR], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');
  // The compiled modules read Signet's version from the package.json beside their folder, as in dist/.
  copyFileSync(`${root}package.json`, `${root}${BUILD_DIR}/../package.json`);
}

/** The pid of the Redis at `url` when it runs on this machine, so that its CPU time can be read too. */
async function localRedisPid(url: string): Promise<number | null> {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '::1') return null;
  const client = createClient({ url });
  await client.connect();
  try {
    const info = await client.info('server');
    const pid = /process_id:(\d+)/.exec(info)?.[1];
    return pid === undefined ? null : Number(pid);
  } finally {
    await client.close();
  }
}

process.exitCode = await main();
