import { isDomainError } from '../../domain/errors.js';
import { CliConfigError, UsageError } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { reloadEntryPointsCommand } from './entry-points.command.js';
import { keyCommand } from './key.command.js';
import { signCommand } from './sign.command.js';
import { ssoCommand } from './sso.command.js';
import { helpText, usageLine } from './usage.js';

export type { CliIo } from './cli-io.js';
export type { CliHost, CliRuntime, CliServices } from './cli-host.js';

const commands: Readonly<Record<string, (args: readonly string[], host: CliHost) => Promise<number>>> = {
  key: keyCommand,
  'reload-entrypoints': reloadEntryPointsCommand,
  sso: ssoCommand,
  sign: signCommand,
};

/**
 * Runs one command line (without the program name) and resolves its exit status: 0 done,
 * 1 refused by the domain or failed, 2 bad arguments or configuration. Never exits the process.
 */
export async function runCli(argv: readonly string[], host: CliHost): Promise<number> {
  const { io } = host;
  const [command, ...args] = argv;
  if (command === undefined) {
    io.err(usageLine);
    return 2;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(helpText.trimEnd());
    return 0;
  }
  if (command === '--version' || command === '-V') {
    io.out(`signet ${host.version}`);
    return 0;
  }
  try {
    const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
    if (!run) throw new UsageError(`unknown command "${command}"`, usageLine.replace(/^usage: /, ''));
    return await run(args, host);
  } catch (error) {
    return report(error, host);
  }
}

function report(error: unknown, { io }: CliHost): number {
  if (error instanceof UsageError) {
    io.err(`signet: ${error.message}`);
    for (const [index, line] of error.usage.split('\n').entries()) io.err(index === 0 ? `usage: ${line}` : line);
    return 2;
  }
  if (error instanceof CliConfigError) {
    io.err('signet: bad configuration');
    for (const problem of error.problems) io.err(`  ${problem}`);
    return 2;
  }
  io.err(`signet: ${isDomainError(error) || error instanceof Error ? error.message : String(error)}`);
  return 1;
}
