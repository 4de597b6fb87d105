import type { Server } from 'node:http';
import { buildRouters, createApp } from './adapters/http/create-app.js';
import { banner } from './banner.js';
import { prepareData } from './bootstrap.js';
import { ConfigError } from './config/load-config.js';
import { loadConfig } from './config/load-config.js';
import { buildContainer, openConnections } from './container.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Signet cannot start: bad configuration\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(2);
  }

  const container = buildContainer(config);
  const { logger } = container.cradle;
  if (config.isProduction && (config.cache === 'memory' || config.store === 'memory')) {
    logger.warn(
      'MEMORY ADAPTERS IN PRODUCTION: state is lost on restart and not shared between instances; set CACHE=redis and STORE=mongo',
    );
  }
  await openConnections(container);
  const deps = container.cradle;
  const routers = buildRouters(deps);
  await prepareData(container, routers);
  const app = createApp(deps, routers);

  const server: Server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  process.stdout.write(`${banner(config, config.publicUrl ?? `http://${host}:${port}`)}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: closing`);
    server.close(() => {
      container
        .dispose()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          logger.error('shutdown failed', { error: String(error) });
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Signet cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
