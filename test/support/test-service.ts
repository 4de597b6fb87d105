import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Resolver } from 'awilix';
import { asValue } from 'awilix';
import type { Config } from '../../src/config/config.schema.js';
import type { Cradle, SignetContainer } from '../../src/container.js';
import { horizonAfter } from '../../src/domain/backends/cache.port.js';
import type { Clock } from '../../src/domain/shared/clock.port.js';
import type { Logger } from '../../src/domain/shared/logger.port.js';
import { createHttpServer } from '../../src/adapters/http/http-server.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { FixedClock, startedASecondEarlier } from './fixed-clock.js';
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
  /**
   * On a FixedClock, a service has been running for a second by default, so requests dated the
   * clock's time pass its replay horizon; true starts it at the clock's time, as a restart then would.
   */
  justStarted?: boolean;
  /** The port to listen on (a free one by default): for a configuration whose PUBLIC_URL names it. */
  port?: number;
}

/** The whole service as the server starts it, listening on an ephemeral port of 127.0.0.1. */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  // Without a clock of the test's own, the system clock, read a second back while the runtime starts.
  const systemClock = options.clock || options.overrides?.clock ? null : new SystemClockStartedEarlier();
  const clock = options.clock ?? systemClock;
  const overrides = { ...options.overrides, ...(clock ? { clock: asValue(clock) } : {}) };
  const start = () =>
    startRuntime(options.config ?? testConfig(), {
      overrides,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  // A clock that started a second back needs no wait for the system clock to pass the horizon.
  const fixed = options.clock instanceof FixedClock && !options.justStarted ? options.clock : null;
  const runtime = fixed ? await startedASecondEarlier(fixed, start) : await start();
  if (systemClock) systemClock.started();
  else if (!(options.clock instanceof FixedClock)) await untilReplayHorizon();
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
 * The system clock, except that it reads a second back until `started()`: what starts on it has
 * been running for a second, as a deployed service has, so its replay horizon (the first whole
 * second after it began) is already behind the system clock, and v2 requests signed now pass it.
 */
class SystemClockStartedEarlier implements Clock {
  private lagMs = 1000;

  now(): number {
    return Date.now() - this.lagMs;
  }

  started(): void {
    this.lagMs = 0;
  }
}

/**
 * A cache that starts remembering v2 nonces does so from the first whole second not before the runtime
 * started, and requests dated before that are refused as possible replays: call this once the
 * runtime has started, and a service is ready for v2 requests signed with the system clock. (A service
 * on a fixed clock is started a second before the clock's time instead.)
 */
export async function untilReplayHorizon(): Promise<void> {
  // The runtime started at or before now, so its horizon is not after this one.
  const now = Date.now();
  await new Promise((resolve) => setTimeout(resolve, horizonAfter(now) - now));
}
