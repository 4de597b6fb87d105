import type { CliIo } from './adapters/cli/run-cli.js';
import { runCli } from './adapters/cli/run-cli.js';
import { cliHost } from './cli-host.js';

/** `npm run signet -- <command>`: see `signet --help`. */
const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};
process.exitCode = await runCli(process.argv.slice(2), cliHost(io));
