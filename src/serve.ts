import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { gracefulServer } from './adapters/http/graceful-close.js';
import { createHttpServer } from './adapters/http/http-server.js';
import { banner } from './banner.js';
import type { Config } from './config/config.schema.js';
import type { Logger } from './domain/shared/logger.port.js';
import { startRuntime } from './runtime.js';

export interface ServeOptions {
  /** Print the banner once listening: a single process does, a worker leaves it to the primary. */
  announce: boolean;
}

/**
 * Serves Signet in this process until a signal stops it. On SIGTERM or SIGINT (or, in a worker,
 * when the primary process goes away) it stops accepting connections, lets the requests in flight
 * finish for up to SHUTDOWN_GRACE_MS, closes Redis and MongoDB, and exits 0.
 */
export async function serve(config: Config, logger: Logger & { flush(): void }, options: ServeOptions): Promise<void> {
  const runtime = await startRuntime(config, { logger });
  const server = createHttpServer(runtime.app, config.limits);
  const graceful = gracefulServer(server);
  const port = await listen(server, config);
  if (options.announce) {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    process.stdout.write(`${banner(config, config.publicUrl ?? `http://${host}:${port}`)}\n`);
  }

  let stopping = false;
  const stop = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: stopping`, { inFlight: graceful.inFlight, graceMs: config.shutdownGraceMs });
    let status = 0;
    try {
      const { cutShort } = await graceful.stop(config.shutdownGraceMs);
      if (cutShort > 0) logger.warn('requests still running when the grace period ended were cut short', { cutShort });
      await runtime.close();
      logger.info('stopped');
    } catch (error) {
      logger.error('shutdown failed', { error: String(error) });
      status = 1;
    }
    logger.flush();
    process.exit(status);
  };
  process.on('SIGTERM', () => void stop('SIGTERM received'));
  process.on('SIGINT', () => void stop('SIGINT received'));
  if (cluster.isWorker) process.on('disconnect', () => void stop('the primary process is gone'));
}

function listen(server: Server, config: Config): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : config.port);
    });
  });
}
