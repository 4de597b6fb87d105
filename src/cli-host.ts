import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CliConfigError } from './adapters/cli/cli-io.js';
import type { CliHost, CliIo, CliRuntime } from './adapters/cli/run-cli.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { ConfigError, isProductionEnvironment, loadConfig } from './config/load-config.js';
import type { Clock } from './domain/ports/clock.port.js';
import { parseJsonOrUndefined } from './domain/shared/safe-json.js';
import type { Logger } from './domain/ports/logger.port.js';
import { startRuntime } from './runtime.js';

/** Signet's version, as package.json gives it. */
export function signetVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const parsed = z.object({ version: z.string() }).safeParse(parseJsonOrUndefined(text));
  return parsed.success ? parsed.data.version : 'unknown';
}

/** Commands log only what goes wrong, on stderr; their output is the answer. */
const quietLogger = (io: CliIo): Logger => ({
  info() {},
  warn() {},
  error(message) {
    io.err(`signet: ${message}`);
  },
});

/**
 * The command line's host: it opens the runtime on the store the environment names. A memory store
 * is readied as the server readies it (so that commands have the demo and the entry points to work
 * on); a persistent store is never touched beyond what the command does.
 */
export function cliHost(io: CliIo, clock: Clock = new SystemClock()): CliHost {
  return {
    io,
    clock,
    version: signetVersion(),
    isProduction: isProductionEnvironment(io.env),
    async open(): Promise<CliRuntime> {
      let config;
      try {
        config = loadConfig(io.env);
      } catch (error) {
        if (error instanceof ConfigError) throw new CliConfigError(error.problems);
        throw error;
      }
      const runtime = await startRuntime(config, { prepareData: config.store === 'memory', logger: quietLogger(io) });
      return {
        services: runtime.cradle,
        entryPoints: runtime.entryPoints,
        ephemeral: config.store === 'memory',
        close: () => runtime.close(),
      };
    },
  };
}
