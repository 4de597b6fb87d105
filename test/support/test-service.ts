import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { asValue } from 'awilix';
import { buildRouters, createApp } from '../../src/adapters/http/create-app.js';
import { prepareData } from '../../src/bootstrap.js';
import type { Config } from '../../src/config/config.schema.js';
import { buildContainer, openConnections, type SignetContainer } from '../../src/container.js';
import type { Clock } from '../../src/domain/ports/clock.port.js';
import { testConfig } from './test-config.js';

export interface TestService {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  container: SignetContainer;
  server: Server;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  config?: Config;
  clock?: Clock;
}

/** The whole service, seeded with the demo, listening on an ephemeral port of 127.0.0.1. */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const container = buildContainer(options.config ?? testConfig());
  if (options.clock) container.register({ clock: asValue(options.clock) });
  await openConnections(container);
  const routers = buildRouters(container.cradle);
  await prepareData(container, routers);
  const server = createApp(container.cradle, routers).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    container,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.dispose();
    },
  };
}
