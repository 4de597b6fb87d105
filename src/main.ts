import cluster from 'node:cluster';
import { ConfigError, loadConfig } from './config/load-config.js';
import type { Config } from './config/config.schema.js';
import type { Logger } from './domain/ports/logger.port.js';
import { loggerFor } from './runtime.js';
import { serve } from './serve.js';
import { superviseWorkers } from './worker-pool.js';

/**
 * `npm start`: one process serving, or with WORKERS=N a primary process supervising N workers on
 * one port (node:cluster). Every process checks the configuration; only the primary (or the single
 * process) warns about it and prints the banner.
 */
async function main(): Promise<void> {
  const config = configOrExit();
  const logger = await loggerFor(config);
  if (cluster.isPrimary) warnAboutDefaults(config, logger);
  if (config.workers > 1 && cluster.isPrimary) {
    superviseWorkers(config, logger);
    return;
  }
  await serve(config, logger, { announce: cluster.isPrimary });
}

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Signet cannot start: bad configuration\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(2);
  }
}

function warnAboutDefaults(config: Config, logger: Logger): void {
  if (config.isProduction && (config.cache === 'memory' || config.store === 'memory')) {
    logger.warn(
      'MEMORY ADAPTERS IN PRODUCTION: state is lost on restart and not shared between instances; set CACHE=redis and STORE=mongo',
    );
  }
  if (config.session.isDevelopmentSecret) {
    logger.warn('SESSION_SECRET is not set: session cookies are signed with the public development secret (demo only)');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Signet cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
