import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Resolver } from 'awilix';
import { asValue } from 'awilix';
import type { Config } from '../../src/config/config.schema.js';
import type { Cradle, SignetContainer } from '../../src/container.js';
import type { Clock } from '../../src/domain/ports/clock.port.js';
import type { Logger } from '../../src/domain/ports/logger.port.js';
import { createHttpServer } from '../../src/adapters/http/http-server.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { testConfig } from './test-config.js';

export interface TestService {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  runtime: Runtime;
  container: SignetContainer;
  server: Server;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  config?: Config;
  clock?: Clock;
  /** Registrations that replace the configured ones before anything is resolved. */
  overrides?: { [Name in keyof Cradle]?: Resolver<Cradle[Name]> };
  /** Where the service logs; the configured log (silent in tests) by default. */
  logger?: Logger;
  /** The port to listen on (a free one by default): for a configuration whose PUBLIC_URL names it. */
  port?: number;
}

/** The whole service as the server starts it, listening on an ephemeral port of 127.0.0.1. */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const overrides = { ...options.overrides, ...(options.clock ? { clock: asValue(options.clock) } : {}) };
  const runtime = await startRuntime(options.config ?? testConfig(), {
    overrides,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  await untilReplayHorizon();
  const server = createHttpServer(runtime.app, runtime.config.limits);
  server.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    runtime,
    container: runtime.container,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

/**
 * A cache that starts remembering v2 nonces does so from the first whole second not before the runtime
 * started, and requests dated before that are refused as possible replays: call this once the
 * runtime has started, and a service is ready for v2 requests signed with the system clock. (A test
 * on a fixed clock moves its clock itself.)
 */
export async function untilReplayHorizon(): Promise<void> {
  const now = Date.now();
  const wait = Math.ceil(now / 1000) * 1000 - now;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
