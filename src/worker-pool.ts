import cluster, { type Worker } from 'node:cluster';
import { banner } from './banner.js';
import type { Config } from './config/config.schema.js';
import type { Logger } from './domain/shared/logger.port.js';

/** A crashed worker is replaced at once, at most this many times within RESTART_WINDOW_MS. */
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 60_000;
/** How much longer than the workers' own grace period the primary waits before killing them. */
const STOP_MARGIN_MS = 5000;

/**
 * The primary process under WORKERS=N: forks N workers that serve on one port (node:cluster hands
 * them the connections), prints the banner once the first listens, and keeps N running:
 *
 * - a worker that dies after it started serving is replaced at once, up to MAX_RESTARTS times in
 *   RESTART_WINDOW_MS; beyond that something is wrong with every worker, so the primary stops them
 *   all and exits 1 for the supervisor above it (systemd, Kubernetes) to see;
 * - a worker that dies before it listened (a backend unreachable, a bad module) is not replaced,
 *   since a replacement would fail the same way; when none is left the primary exits 1;
 * - on SIGTERM or SIGINT it sends SIGTERM to every worker, which finishes its requests in flight
 *   (SHUTDOWN_GRACE_MS) and closes its connections, waits for them all, and exits 0.
 *
 * The workers accept connections themselves (SCHED_NONE) rather than have the primary accept and
 * hand each one over (round-robin): a connection handed to a worker that dies before taking it
 * would stay open in the primary, unanswered, its client waiting for ever. Accepting for
 * themselves, a worker that dies resets only the connections it had taken.
 */
export function superviseWorkers(config: Config, logger: Logger & { flush(): void }): void {
  const listening = new Set<number>();
  const restarts: number[] = [];
  let announced = false;
  let stopping: { status: number } | null = null;

  const alive = (): Worker[] => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  const exit = (status: number): never => {
    logger.flush();
    process.exit(status);
  };

  const stopAll = (reason: string, status: number): void => {
    if (stopping) return;
    stopping = { status };
    const workers = alive();
    logger.info(`${reason}: stopping ${workers.length} workers`);
    if (workers.length === 0) exit(status);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of alive()) {
        logger.warn('worker did not stop in time: killing it', { pid: worker.process.pid });
        worker.process.kill('SIGKILL');
      }
    }, config.shutdownGraceMs + STOP_MARGIN_MS).unref();
  };

  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    if (announced) return;
    announced = true;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    process.stdout.write(`${banner(config, config.publicUrl ?? `http://${host}:${address.port}`)}\n`);
  });

  cluster.on('exit', (worker, code, signal) => {
    const served = listening.delete(worker.id);
    if (stopping) {
      if (alive().length === 0) exit(stopping.status);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const pid = worker.process.pid;
    if (!served) {
      logger.error(`worker exited with ${how} before it listened: not replaced`, { pid });
      if (alive().length === 0) {
        logger.error('no worker left: exiting');
        exit(1);
      }
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && (restarts[0] ?? now) <= now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      logger.error(`workers died ${restarts.length + 1} times within ${RESTART_WINDOW_MS / 1000} s: not replacing them`, { pid });
      stopAll('workers keep dying', 1);
      return;
    }
    restarts.push(now);
    logger.warn(`worker exited with ${how}: replacing it`, { pid });
    cluster.fork();
  });

  process.on('SIGTERM', () => stopAll('SIGTERM received', 0));
  process.on('SIGINT', () => stopAll('SIGINT received', 0));
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  for (let i = 0; i < config.workers; i += 1) cluster.fork();
}
