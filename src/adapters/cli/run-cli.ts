import { isDomainError } from '../../domain/errors.js';
import { appCommand } from './app.command.js';
import { auditCommand } from './audit.command.js';
import { CliConfigError, UsageError } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { reloadEntryPointsCommand } from './entry-points.command.js';
import { keyCommand } from './key.command.js';
import { oidcCommand } from './oidc.command.js';
import { readerCommand } from './reader.command.js';
import { signCommand } from './sign.command.js';
import { ssoCommand } from './sso.command.js';
import { helpText, usageLine } from './usage.js';
import { userCommand } from './user.command.js';

export type { CliIo } from './cli-io.js';
export type { CliHost, CliRuntime, CliServices, CliTarget } from './cli-host.js';

const commands: Readonly<Record<string, (args: readonly string[], host: CliHost) => Promise<number>>> = {
  key: keyCommand,
  'reload-entrypoints': reloadEntryPointsCommand,
  sso: ssoCommand,
  user: userCommand,
  audit: auditCommand,
  reader: readerCommand,
  sign: signCommand,
  oidc: oidcCommand,
  app: appCommand,
};

/**
 * Runs one command line (without the program name) and resolves its exit status: 0 done,
 * 1 refused by the domain or failed, 2 bad arguments or configuration. Never exits the process.
 * `--server URL` before the command makes it act on that running Signet, through its admin API.
 */
export async function runCli(argv: readonly string[], given: CliHost): Promise<number> {
  const { io } = given;
  let rest: readonly string[];
  let host: CliHost;
  try {
    const { server, remaining } = globalOptions(argv);
    rest = remaining;
    host = { ...given, open: (target) => given.open({ server, command: remaining, ...target }) };
  } catch (error) {
    return report(error, given);
  }
  const [command, ...args] = rest;
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

/** `--server URL` or `--server=URL` before the command. */
function globalOptions(argv: readonly string[]): { server: string | undefined; remaining: readonly string[] } {
  const [first, second] = argv;
  if (first === '--server') {
    if (second === undefined || second.startsWith('-'))
      throw new UsageError('--server needs a URL', 'signet --server URL <command> ...');
    return { server: second, remaining: argv.slice(2) };
  }
  if (first?.startsWith('--server=')) return { server: first.slice('--server='.length), remaining: argv.slice(1) };
  return { server: undefined, remaining: argv };
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
