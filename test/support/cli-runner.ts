import { runCli } from '../../src/adapters/cli/run-cli.js';

/** What a command-line run printed, line by line, and its exit status. */
export interface CliRun {
  status: number;
  stdout: string[];
  stderr: string[];
}

/** Runs the command line in this process with exactly `env` as its environment, capturing its output. */
export async function runCliCapturing(argv: string[], env: Record<string, string>): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli(argv, { out: (line) => stdout.push(line), err: (line) => stderr.push(line), env });
  return { status, stdout, stderr };
}
