import { runCli } from '../../src/adapters/cli/run-cli.js';
import { cliHost } from '../../src/cli-host.js';
import type { Clock } from '../../src/domain/shared/clock.port.js';

/** What a command-line run printed, line by line, and its exit status. */
export interface CliRun {
  status: number;
  stdout: string[];
  stderr: string[];
}

/**
 * Runs the command line in this process with `env` as its environment, capturing its output. PORT is
 * 0 unless `env` names one, so that a command on the memory store never finds, and acts on, a Signet
 * that happens to run on this machine's default port.
 */
export async function runCliCapturing(argv: string[], env: Record<string, string>, clock?: Clock): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = { out: (line: string) => stdout.push(line), err: (line: string) => stderr.push(line), env: { PORT: '0', ...env } };
  const status = await runCli(argv, cliHost(io, clock));
  return { status, stdout, stderr };
}

/** The environment of a command line that works on the MongoDB a test server uses; hashing made cheap. */
export function mongoCliEnv(mongoUrl: string, masterKey: string, more: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PASSWORD_HASH_LOG_N: '10',
    STORE: 'mongo',
    MONGO_URL: mongoUrl,
    SIGNET_MASTER_KEY: masterKey,
    SIGNET_DEMO: '1',
    ...more,
  };
}
