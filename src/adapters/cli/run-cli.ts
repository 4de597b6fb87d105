import { loadConfig, ConfigError } from '../../config/load-config.js';
import type { Config } from '../../config/config.schema.js';
import { isDomainError } from '../../domain/errors.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import { SystemClock } from '../system/system-clock.js';
import { UsageError, type CliIo } from './cli-io.js';
import { reloadEntryPointsCommand } from './entry-points.command.js';
import type { CommandContext } from './command-group.js';
import { keyCommand } from './key.command.js';
import { signCommand } from './sign.command.js';
import { ssoCommand } from './sso.command.js';
import { helpText, usageLine } from './usage.js';

export type { CliIo } from './cli-io.js';

export interface RunCliOptions {
  /** Where `sign` takes the time from; the system clock by default. */
  clock?: Clock;
}

/**
 * Runs one command line (without the program name) and resolves its exit status: 0 done,
 * 1 refused by the domain or failed, 2 bad arguments or configuration. Never exits the process.
 */
export async function runCli(argv: readonly string[], io: CliIo, options: RunCliOptions = {}): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    io.err(usageLine);
    return 2;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(helpText.trimEnd());
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err('signet: bad configuration');
    for (const problem of error.problems) io.err(`  ${problem}`);
    return 2;
  }
  const context: CommandContext = { config, io };
  try {
    switch (command) {
      case 'key':
        return await keyCommand(args, context);
      case 'reload-entrypoints':
        return await reloadEntryPointsCommand(args, context);
      case 'sso':
        return await ssoCommand(args, context);
      case 'sign':
        return await signCommand(args, { ...context, clock: options.clock ?? new SystemClock() });
      default:
        throw new UsageError(`unknown command "${command}"`, usageLine.replace(/^usage: /, ''));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`signet: ${error.message}`);
      for (const [index, line] of error.usage.split('\n').entries()) io.err(index === 0 ? `usage: ${line}` : line);
      return 2;
    }
    if (isDomainError(error)) {
      io.err(`signet: ${error.message}`);
      return 1;
    }
    io.err(`signet: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
