import { runCli } from './run-cli.js';

/** `npm run signet -- <command>`: see `signet --help`. */
const status = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = status;
