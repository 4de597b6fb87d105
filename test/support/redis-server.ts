import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it, afterAll } from 'vitest';
import { RedisConnection, redactRedisUrl } from '../../src/adapters/redis/redis-connection.js';

/** A Redis a test can use; stop() shuts down a server started for the tests and leaves a shared one alone. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';
const STARTUP_LIMIT_MS = 10_000;
const quiet = { info() {}, warn() {}, error() {} };

/**
 * The Redis at REDIS_URL (default redis://127.0.0.1:6379) when it answers a PING; otherwise a private
 * redis-server started on a free port when one is on PATH; otherwise null.
 */
export async function redisForTests(): Promise<TestRedis | null> {
  const url = process.env.REDIS_URL ?? DEFAULT_URL;
  if (await answers(url)) return { url, stop: async () => {} };
  return startPrivateRedisServer();
}

/**
 * Declares a suite that needs Redis; call it with top-level await:
 *
 *     await describeWithRedis('two instances share sessions', (redis) => { ... redis.url ... });
 *
 * Without a Redis the suite is skipped with the reason, unless SIGNET_REQUIRE_REDIS=1 (as in CI):
 * then the absence is a failing test.
 */
export async function describeWithRedis(title: string, body: (redis: TestRedis) => void): Promise<void> {
  const redis = await redisForTests();
  if (redis) {
    describe(title, () => {
      afterAll(() => redis.stop());
      body(redis);
    });
    return;
  }
  const reason =
    `no Redis answered at ${redactRedisUrl(process.env.REDIS_URL ?? DEFAULT_URL)} ` + 'and redis-server is not on PATH';
  if (process.env.SIGNET_REQUIRE_REDIS === '1') {
    describe(title, () => {
      it('has a Redis to run against (SIGNET_REQUIRE_REDIS=1)', () => {
        throw new Error(`${reason}; SIGNET_REQUIRE_REDIS=1 makes this a failure`);
      });
    });
    return;
  }
  console.warn(`skipping "${title}": ${reason} (set REDIS_URL or install redis-server)`);
  describe.skip(title, () => {
    it(`needs Redis: ${reason}`, () => {});
  });
}

/** A key prefix no other test run shares, so test files can run in parallel on one Redis. */
export function uniqueKeyPrefix(): string {
  return `signet-test:${randomUUID()}:`;
}

async function answers(url: string): Promise<boolean> {
  const connection = new RedisConnection({ config: { redisUrl: url }, logger: quiet });
  try {
    await connection.open();
    await connection.client.ping();
    return true;
  } catch {
    return false;
  } finally {
    await connection.close();
  }
}

async function findOnPath(name: string): Promise<string | null> {
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

/** Starts a private redis-server on a free port; null when redis-server is not installed. */
export async function startPrivateRedisServer(): Promise<PrivateRedis | null> {
  const binary = await findOnPath('redis-server');
  return binary ? startPrivateRedis(binary) : null;
}

async function startPrivateRedis(binary: string): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'signet-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const logfile = join(dir, 'redis.log');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  let child: ChildProcess;
  // A test run that ends without calling stop() must not leave a server behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const launch = async (): Promise<void> => {
    child = spawn(binary, [...args, '--dir', dir, '--logfile', logfile], { stdio: 'ignore' });
    const started = Date.now();
    while (!(await answers(url))) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() - started > STARTUP_LIMIT_MS) {
        const log = await readFile(logfile, 'utf8').catch(() => '');
        await stop();
        throw new Error(`redis-server on port ${port} did not start:\n${log}`);
      }
      await sleep(100);
    }
  };
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    child.kill('SIGCONT');
    await terminate(child);
    await rm(dir, { recursive: true, force: true });
  };

  await launch();
  return {
    url,
    port,
    stop,
    async kill() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    freeze() {
      child.kill('SIGSTOP');
    },
    thaw() {
      child.kill('SIGCONT');
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
