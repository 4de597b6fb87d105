import type { ServerResponse } from 'node:http';
import type { Server } from 'node:http';

/** How a stop went: how many requests were still running when the grace period ran out. */
export interface StopReport {
  cutShort: number;
}

/** A server that can stop the way an orchestrator expects on SIGTERM. */
export interface GracefulServer {
  /**
   * Stops accepting connections, lets the requests in flight finish (their connections close once
   * they have answered, even keep-alive ones), and after `graceMs` drops whatever is still running.
   * Resolves once every connection is closed. Safe to call twice: the second call gets the first's result.
   */
  stop(graceMs: number): Promise<StopReport>;
  /** Requests being answered right now. */
  readonly inFlight: number;
}

/**
 * Tracks the requests `server` answers, so that it can stop gracefully: Node's `server.close()`
 * alone waits for keep-alive connections to time out, and lets a response in flight promise its
 * client a connection that is about to go away.
 */
export function gracefulServer(server: Server): GracefulServer {
  const running = new Set<ServerResponse>();
  let stopping: Promise<StopReport> | undefined;

  server.on('request', (_req, res: ServerResponse) => {
    running.add(res);
    if (stopping) res.shouldKeepAlive = false;
    res.once('close', () => {
      running.delete(res);
      // The connection is idle now: close it rather than wait for the client's next request.
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });

  return {
    get inFlight() {
      return running.size;
    },
    stop(graceMs) {
      stopping ??= new Promise<StopReport>((resolve) => {
        let cutShort = 0;
        const closed = new Promise<void>((done) => server.close(() => done()));
        // Responses that have not started yet tell their client this connection ends with them.
        for (const res of running) if (!res.headersSent) res.shouldKeepAlive = false;
        server.closeIdleConnections();
        const deadline = setTimeout(() => {
          cutShort = running.size;
          server.closeAllConnections();
        }, graceMs);
        void closed.then(() => {
          clearTimeout(deadline);
          resolve({ cutShort });
        });
      });
      return stopping;
    },
  };
}
