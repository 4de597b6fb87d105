import cluster from 'node:cluster';
import { ConfigError, loadConfig } from './config/load-config.js';
import type { Config } from './config/config.schema.js';
import { BackendUnavailableError } from './domain/backends/backend.errors.js';
import type { Logger } from './domain/shared/logger.port.js';
import { loggerFor } from './runtime.js';
import { serve } from './serve.js';
import { startWarnings } from './start-warnings.js';
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
  for (const warning of startWarnings(config)) logger.warn(warning);
}

main().catch((error: unknown) => {
  process.stderr.write(`Signet cannot start: ${startFailure(error)}\n`);
  process.exit(1);
});

/** Why start-up failed: a backend that answers but refuses (a read-only replica, a full Redis) is named with its reason. */
function startFailure(error: unknown): string {
  if (error instanceof BackendUnavailableError) return `${error.message}: ${error.reason}`;
  return error instanceof Error ? error.message : String(error);
}
