import { discoverEntryPoints } from './adapters/http/entry-point-discovery.js';
import type { SignetRouter } from './adapters/http/signet-context.js';
import type { SignetContainer } from './container.js';

/**
 * Readies the data a freshly built container serves: outside production the discovered entry
 * points are written to the store and the demo is seeded; in production the store is left alone
 * and any difference is reported, since `reload-entrypoints` is an operator's decision there.
 */
export async function prepareData(container: SignetContainer, routers: readonly SignetRouter[]): Promise<void> {
  const { config, logger, credentialStore, reloadEntryPoints, seedDemo, seedSsoDemo } = container.cradle;
  const discovered = discoverEntryPoints(routers);
  if (!config.isProduction) {
    await reloadEntryPoints.execute(discovered);
    await seedDemo.execute();
    await seedSsoDemo.execute();
    return;
  }
  const stored = new Set((await credentialStore.listEntryPoints()).map((entry) => entry.name));
  const missing = discovered.filter((entry) => !stored.has(entry.name)).map((entry) => entry.name);
  if (missing.length > 0) {
    logger.warn('entry points not in the store yet: run `npm run signet -- reload-entrypoints`', { missing });
  }
}
