import type { CliIo } from './adapters/cli/run-cli.js';
import { runCli } from './adapters/cli/run-cli.js';
import { cliHost } from './cli-host.js';

// A reader that stops early (`| head`) closes the pipe: the rest of the output has nowhere to go,
// which is no failure of the command, so it finishes without writing it.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

/** `npm run signet -- <command>`: see `signet --help`. */
const io: CliIo = {
  out: (line) => {
    if (!stdoutClosed) process.stdout.write(`${line}\n`);
  },
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};
process.exitCode = await runCli(process.argv.slice(2), cliHost(io));
