import { prepareData } from '../../bootstrap.js';
import type { Config } from '../../config/config.schema.js';
import { buildContainer, openConnections, type SignetContainer } from '../../container.js';
import { buildRouters } from '../http/create-app.js';

export interface CliContainerOptions {
  /**
   * Seed a memory store as the server does (entry points and the demo key), so that commands
   * have something to work on. A persistent store is never seeded by the command line.
   */
  seedMemoryStore: boolean;
}

/** Builds the container the configuration names, runs `work` with it, and always disposes it. */
export async function withContainer<T>(
  config: Config,
  options: CliContainerOptions,
  work: (container: SignetContainer) => Promise<T>,
): Promise<T> {
  const container = buildContainer(config);
  try {
    await openConnections(container);
    if (options.seedMemoryStore && config.store === 'memory') {
      await prepareData(container, buildRouters(container.cradle));
    }
    return await work(container);
  } finally {
    await container.dispose();
  }
}
