import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { RedisConnection } from '../../src/adapters/redis/redis-connection.js';
import { freePort } from './free-port.js';

/**
 * Redis for tests and benchmarks, without the test runner: a server, or a Redis Cluster, started
 * from the redis-server on PATH in a directory of its own, and stopped with everything it wrote.
 */

/** A Redis a test can use; stop() shuts down a server started for the tests and leaves a shared one alone. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/** A Redis Cluster a test can use: `nodes` as REDIS_CLUSTER_NODES takes them. */
export interface TestRedisCluster {
  nodes: string[];
  /** The nodes as redis:// URLs. */
  urls: string[];
  stop(): Promise<void>;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const STARTUP_LIMIT_MS = 10_000;
const quiet = { info() {}, warn() {}, error() {} };
export const run = promisify(execFile);

/**
 * The Redis at REDIS_URL (default redis://127.0.0.1:6379) when it answers a PING; otherwise a private
 * redis-server started on a free port when one is on PATH; otherwise null.
 */
export async function redisForTests(): Promise<TestRedis | null> {
  const url = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  if (await answers({ redisUrl: url })) return { url, stop: async () => {} };
  const binary = await findOnPath('redis-server');
  return binary ? startPrivateRedis(binary) : null;
}

/**
 * The Redis Cluster REDIS_CLUSTER_NODES names when it answers; otherwise three masters started on
 * free ports with `redis-server --cluster-enabled yes` and joined by `redis-cli --cluster create`,
 * when both are on PATH; otherwise null, with the reason.
 */
export async function redisClusterForTests(): Promise<TestRedisCluster | { unavailable: string }> {
  const given = process.env.REDIS_CLUSTER_NODES;
  if (given) {
    const nodes = given.split(',').map((node) => node.trim());
    const urls = nodes.map((node) => (node.includes('://') ? node : `redis://${node}`));
    if (await answers({ redisUrl: DEFAULT_REDIS_URL, redisClusterNodes: urls })) return { nodes, urls, stop: async () => {} };
    return { unavailable: `the Redis Cluster at REDIS_CLUSTER_NODES=${given} does not answer` };
  }
  const server = await findOnPath('redis-server');
  const cli = await findOnPath('redis-cli');
  if (!server || !cli) return { unavailable: 'redis-server and redis-cli are not both on PATH' };
  return startPrivateCluster(server, cli);
}

/** A key prefix no other test run shares, so test files can run in parallel on one Redis. */
export function uniqueKeyPrefix(): string {
  return `signet-test:${randomUUID()}:`;
}

async function answers(config: { redisUrl: string; redisClusterNodes?: readonly string[] }): Promise<boolean> {
  const connection = new RedisConnection({ config, logger: quiet });
  try {
    await connection.open();
    await connection.ping();
    return true;
  } catch {
    return false;
  } finally {
    await connection.close();
  }
}

export async function findOnPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

/** A redis-server of a test's own, which the test may stop, freeze and start again on the same port. */
export interface PrivateRedis extends TestRedis {
  readonly port: number;
  /** Kills the server at once (SIGKILL): its data is gone, as after a crash without persistence. */
  kill(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
  freeze(): void;
  /** Lets a frozen server run again (SIGCONT). */
  thaw(): void;
  /** Starts a new, empty server on the same port after kill(). */
  restart(): Promise<void>;
}

/** Starts a private redis-server on a free port, with these extra arguments; null when redis-server is not installed. */
export async function startPrivateRedisServer(extra: readonly string[] = []): Promise<PrivateRedis | null> {
  const binary = await findOnPath('redis-server');
  return binary ? startPrivateRedis(binary, extra) : null;
}

/** A redis-server on a free port, without persistence, in a temporary directory. */
export async function startPrivateRedis(binary: string, extra: readonly string[] = []): Promise<PrivateRedis> {
  const server = await spawnRedis(binary, extra);
  return { url: `redis://127.0.0.1:${server.port}`, ...server };
}

async function startPrivateCluster(serverBinary: string, cliBinary: string): Promise<TestRedisCluster> {
  const servers: Awaited<ReturnType<typeof spawnRedis>>[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    for (let i = 0; i < 3; i += 1) {
      servers.push(
        await spawnRedis(
          serverBinary,
          ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'],
          { clusterBus: true },
        ),
      );
    }
    const nodes = servers.map((server) => `127.0.0.1:${server.port}`);
    await run(cliBinary, ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: STARTUP_LIMIT_MS,
    });
    const started = Date.now();
    for (const server of servers) {
      // Every node must have heard of every slot's owner before a client can trust its map.
      while (!(await clusterIsOk(cliBinary, server.port))) {
        if (Date.now() - started > STARTUP_LIMIT_MS) throw new Error(`the cluster on ${nodes.join(',')} did not become ready`);
        await sleep(100);
      }
    }
    return { nodes, urls: nodes.map((node) => `redis://${node}`), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function clusterIsOk(cli: string, port: number): Promise<boolean> {
  const { stdout } = await run(cli, ['-p', String(port), 'cluster', 'info']);
  return stdout.includes('cluster_state:ok') && stdout.includes('cluster_known_nodes:3');
}

export interface SpawnOptions {
  /** Give the node a cluster bus on a free port of its own (port + 10000 is beyond 65535 for some ports). */
  clusterBus?: boolean;
}

/** How many times a first start is tried on other free ports when another process took the port meanwhile. */
const PORT_TRIES = 5;

export async function spawnRedis(
  binary: string,
  extra: readonly string[],
  options: SpawnOptions = {},
): Promise<Omit<PrivateRedis, 'url'>> {
  const dir = await mkdtemp(join(tmpdir(), 'signet-redis-'));
  const logfile = join(dir, 'redis.log');
  let port = 0;
  let args: string[] = [];
  let child: ChildProcess | undefined;
  // A test run that ends without calling stop() must not leave a server behind.
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child) {
      child.kill('SIGCONT');
      await terminate(child);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const launch = async (): Promise<void> => {
    const started = Date.now();
    const url = `redis://127.0.0.1:${port}`;
    const running = spawn(binary, [...args, '--dir', dir, '--logfile', logfile], { stdio: 'ignore' });
    child = running;
    // A cluster node answers PING before it has any slot: the plain client is enough to know it is up.
    while (!(await answers({ redisUrl: url }))) {
      if (running.exitCode !== null || running.signalCode !== null || Date.now() - started > STARTUP_LIMIT_MS) {
        const log = await readFile(logfile, 'utf8').catch(() => '');
        throw new Error(`redis-server on port ${port} did not start:\n${log}`);
      }
      await sleep(100);
    }
  };

  // A free port is free only until someone takes it: a start that lost its port (or its bus port) to
  // another test starting at the same moment is tried again on others.
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    let busPort = options.clusterBus ? await freePort() : null;
    while (busPort === port) busPort = await freePort();
    args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      ...(busPort === null ? [] : ['--cluster-port', String(busPort)]),
      ...extra,
    ];
    try {
      await launch();
      break;
    } catch (error) {
      child?.kill('SIGKILL');
      const lostPort = error instanceof Error && error.message.includes('Address already in use');
      await rm(logfile, { force: true });
      if (!lostPort || attempt >= PORT_TRIES) {
        await stop();
        throw error;
      }
    }
  }
  return {
    port,
    stop,
    async kill() {
      if (!child) return;
      const running = child;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    restart: launch,
  };
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const escalate = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(escalate);
}
