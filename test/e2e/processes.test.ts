import { get } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { redisForTests, startPrivateRedisServer, uniqueKeyPrefix } from '../support/redis-server.js';
import { CONDITION_CEILING_MS, startSignet, waitFor, type LogLine, type SignetProcess } from '../support/signet-process.js';
import { startSlowRequest } from '../support/slow-request.js';

/** True when nothing accepts connections at `baseUrl` any more. */
function refusesConnections(baseUrl: string): Promise<boolean> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** The pids of the processes that answered `count` requests, each on a fresh connection. */
async function servingPids(signet: SignetProcess, baseUrl: string, count: number): Promise<Set<number>> {
  const before = signet.logLines().length;
  for (let i = 0; i < count; i += 1) expect(await freshGet(`${baseUrl}/health/live`)).toBe(200);
  await waitFor(
    () =>
      signet
        .logLines()
        .slice(before)
        .filter((line) => line.msg === 'request').length >= count,
    'the request lines',
  );
  return new Set(
    signet
      .logLines()
      .slice(before)
      .filter((line) => line.msg === 'request' && line.route === '/health/live')
      .map((line) => line.pid),
  );
}

/** A GET on a connection of its own (no keep-alive pool), so that the cluster may hand it to any worker. */
function freshGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

const stoppingWith = (inFlight: number) => (line: LogLine) =>
  line.msg === 'SIGTERM received: stopping' && line.inFlight === inFlight;

describe('one process stopping on SIGTERM', () => {
  let signet: SignetProcess | undefined;
  afterEach(() => {
    signet?.child.kill('SIGKILL');
    signet = undefined;
  });

  it('stops accepting, finishes the request in flight, closes and exits 0', async () => {
    signet = startSignet({ PORT: '0', HOST: '127.0.0.1' });
    const baseUrl = await signet.listening();
    const slow = await startSlowRequest(baseUrl);
    // The server has the request once its headers are parsed; a live probe on another connection orders it.
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);

    signet.child.kill('SIGTERM');
    await signet.waitForLog(stoppingWith(1), 'the stop with one request in flight');
    expect(await refusesConnections(baseUrl)).toBe(true);

    const response = await slow.finish();
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toMatch(/\r\nConnection: close\r\n/i);
    expect(response).toContain('{"goodbye":"see you later, from a slow client"}');
    expect(await signet.exit).toBe(0);
    expect(signet.logLines().map((line) => line.msg)).toContain('stopped');
  });

  it('cuts a request short once SHUTDOWN_GRACE_MS has passed, and still exits 0', async () => {
    signet = startSignet({ PORT: '0', HOST: '127.0.0.1', SHUTDOWN_GRACE_MS: '300' });
    const baseUrl = await signet.listening();
    const slow = await startSlowRequest(baseUrl);
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    const signalled = Date.now();
    signet.child.kill('SIGTERM');
    expect(await signet.exit).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(await slow.closed).toBe('');
    expect(signet.logLines()).toContainEqual(expect.objectContaining({ level: 'warn', cutShort: 1 }));
  });

  it('exits 0 within the grace period and a few seconds on SIGTERM while Redis is frozen under requests in flight', async () => {
    const redis = await startPrivateRedisServer();
    if (!redis) throw new Error('this test needs redis-server on PATH');
    try {
      signet = startSignet({
        PORT: '0',
        HOST: '127.0.0.1',
        CACHE: 'redis',
        REDIS_URL: redis.url,
        SHUTDOWN_GRACE_MS: '1000',
        BACKEND_TIMEOUT_MS: '30000',
      });
      const baseUrl = await signet.listening();
      redis.freeze();
      const inFlight = Array.from({ length: 3 }, () => outcomeOf(`${baseUrl}/health/ready`));
      // As above: a live probe on another connection, answered, orders the three before the signal.
      expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
      const signalled = Date.now();
      signet.child.kill('SIGTERM');
      expect(await signet.exit).toBe(0);
      // The grace period, then at most a couple of seconds for closing the frozen connection: never the backend timeout.
      expect(Date.now() - signalled).toBeLessThan(1000 + 6000);
      expect(await Promise.all(inFlight)).not.toContain('200');
      expect(signet.logLines()).toContainEqual(expect.objectContaining({ msg: 'SIGTERM received: stopping', inFlight: 3 }));
      expect(signet.logLines()).toContainEqual(expect.objectContaining({ level: 'warn', cutShort: 3 }));
    } finally {
      redis.thaw();
      await redis.stop();
    }
  });

  it('refuses to start, one line each, in production without its secrets or with API_AUTH_DEBUG', async () => {
    signet = startSignet({ NODE_ENV: 'production', API_AUTH_DEBUG: '1', SESSION_SECRET: 'too-short' });
    expect(await signet.exit).toBe(2);
    expect(signet.stderr().split('\n')).toEqual(
      expect.arrayContaining([
        '  SIGNET_MASTER_KEY: is required when NODE_ENV=production (64 hex characters: stored secrets are encrypted with it)',
        '  SESSION_SECRET: accepts a random string of 32 characters or more',
        expect.stringMatching(/^ {2}API_AUTH_DEBUG: cannot be on when NODE_ENV=production/),
      ]),
    );
  });

  it('refuses more than one worker on a memory cache', async () => {
    signet = startSignet({ WORKERS: '2' });
    expect(await signet.exit).toBe(2);
    expect(signet.stderr()).toContain('WORKERS: more than one worker needs CACHE=redis');
  });
});

describe('WORKERS=2: a primary process and two workers on one port', () => {
  let signet: SignetProcess | undefined;
  afterEach(() => {
    signet?.child.kill('SIGKILL');
    signet = undefined;
  });

  async function startWorkers(
    env: Record<string, string> = {},
  ): Promise<{ signet: SignetProcess; baseUrl: string; stop: () => Promise<void> }> {
    const redis = await redisForTests();
    if (!redis) throw new Error('these tests need Redis (REDIS_URL, or redis-server on PATH)');
    signet = startSignet({
      PORT: '0',
      HOST: '127.0.0.1',
      WORKERS: '2',
      CACHE: 'redis',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: uniqueKeyPrefix(),
      ...env,
    });
    return { signet, baseUrl: await signet.listening(), stop: () => redis.stop() };
  }

  it('serves from both workers, prints the banner once, and stops them all on SIGTERM, finishing a request', async () => {
    const { signet, baseUrl, stop } = await startWorkers();
    try {
      expect(signet.stdout().match(/listening on/g)).toHaveLength(1);
      expect(signet.stdout()).toContain('2 workers');
      // The banner comes with the first worker; the second may need a moment more.
      const pids = await waitForPids(signet, baseUrl, new Set());
      expect(pids.has(signet.child.pid!)).toBe(false);

      const slow = await startSlowRequest(baseUrl);
      expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
      signet.child.kill('SIGTERM');
      await signet.waitForLog(stoppingWith(1), 'a worker stopping with the request in flight');
      const response = await slow.finish();
      expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
      expect(await signet.exit).toBe(0);
      const stopped = signet.logLines().filter((line) => line.msg === 'stopped');
      expect(new Set(stopped.map((line) => line.pid))).toEqual(pids);
    } finally {
      await stop();
    }
  });

  it('replaces a worker that dies, and gives up after too many deaths in a minute', async () => {
    const { signet, baseUrl, stop } = await startWorkers();
    try {
      let pids = await waitForPids(signet, baseUrl, new Set());
      const killed = new Set<number>();
      for (let death = 1; death <= 5; death += 1) {
        const victim = [...pids][0]!;
        killed.add(victim);
        process.kill(victim, 'SIGKILL');
        await signet.waitForLog(
          (line) => line.msg === 'worker exited with signal SIGKILL: replacing it' && line.pid === victim,
          'the replacement',
        );
        await waitFor(
          () =>
            signet.logLines().filter((line) => line.msg === 'worker exited with signal SIGKILL: replacing it').length === death,
          'the count of replacements',
        );
        pids = await waitForPids(signet, baseUrl, killed);
      }
      // The sixth death within a minute: the primary stops the other worker and exits 1.
      process.kill([...pids][0]!, 'SIGKILL');
      expect(await signet.exit).toBe(1);
      expect(signet.logLines().map((line) => line.msg)).toContain('workers died 6 times within 60 s: not replacing them');
    } finally {
      await stop();
    }
  });

  it('leaves no client waiting when a worker is killed under steady traffic: each is answered or reset', async () => {
    const { signet, baseUrl, stop } = await startWorkers();
    try {
      const pids = await waitForPids(signet, baseUrl, new Set());
      const outcomes: string[] = [];
      let sending = true;
      const clients = Array.from({ length: 6 }, async () => {
        while (sending) outcomes.push(await outcomeOf(`${baseUrl}/health/live`));
      });
      await waitFor(() => outcomes.length >= 50, 'traffic on both workers');
      const victim = [...pids][0]!;
      process.kill(victim, 'SIGKILL');
      await signet.waitForLog(
        (line) => line.msg === 'worker exited with signal SIGKILL: replacing it' && line.pid === victim,
        'the replacement',
      );
      const sentBefore = outcomes.length;
      await waitFor(() => outcomes.length >= sentBefore + 50, 'traffic on the surviving worker');
      sending = false;
      await Promise.all(clients);
      expect(outcomes.filter((outcome) => outcome === 'no answer')).toEqual([]);
      expect(outcomes.filter((outcome) => outcome === '200').length).toBeGreaterThan(outcomes.length / 2);
    } finally {
      await stop();
    }
  });

  it('does not replace a worker that dies before it listens, and exits 1 when none is left', async () => {
    signet = startSignet({ PORT: '0', HOST: '127.0.0.1', WORKERS: '2', CACHE: 'redis', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await signet.exit).toBe(1);
    const notReplaced = signet.logLines().filter((line) => line.msg.endsWith('before it listened: not replaced'));
    expect(notReplaced).toHaveLength(2);
    expect(signet.logLines().map((line) => line.msg)).toContain('no worker left: exiting');
    expect(signet.stderr()).toContain('is unreachable');
  });
});

/**
 * How a GET on a connection of its own ends: its status, the connection's error (a reset is what a
 * client of a dying process may get, and retries), or 'no answer' when nothing came back in time.
 */
function outcomeOf(url: string): Promise<string> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: NO_ANSWER_MS }, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.statusCode)));
      response.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    request.on('timeout', () => {
      request.destroy();
      resolve('no answer');
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** A trivial request on a slow machine answers well within this, or it never will. */
const NO_ANSWER_MS = 8000;

/** The two pids serving once the replacement listens: none of them a killed one. */
async function waitForPids(signet: SignetProcess, baseUrl: string, killed: ReadonlySet<number>): Promise<Set<number>> {
  const deadline = Date.now() + CONDITION_CEILING_MS;
  for (;;) {
    const pids = await servingPids(signet, baseUrl, 30);
    if (pids.size === 2 && ![...pids].some((pid) => killed.has(pid))) return pids;
    if (Date.now() > deadline) throw new Error(`still not two live workers: ${[...pids].join(', ')}`);
  }
}
