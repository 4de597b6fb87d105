import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

/** Signet started as `npm start` starts it, in a child process, with its output collected. */
export interface SignetProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** The JSON lines of the log so far (LOG_FORMAT=json), parsed. */
  logLines(): LogLine[];
  /** Resolves with the exit code (null when killed by a signal). */
  exit: Promise<number | null>;
  /** Resolves with the base URL once the banner is printed. */
  listening(ms?: number): Promise<string>;
  /** Resolves with the first log line that matches, waiting up to `ms`. */
  waitForLog(predicate: (line: LogLine) => boolean, what: string, ms?: number): Promise<LogLine>;
}

export interface LogLine {
  level: string;
  msg: string;
  pid: number;
  [field: string]: unknown;
}

/**
 * Starts `node <entry>` (the TypeScript entry point through tsx by default) with only PATH, HOME and
 * `env`, logging JSON so that tests can read the log.
 */
export function startSignet(
  env: Record<string, string>,
  entry: readonly string[] = ['--import', 'tsx', 'src/main.ts'],
): SignetProcess {
  const child = spawn(process.execPath, [...entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_FORMAT: 'json', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logLines = (): LogLine[] =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    logLines,
    exit,
    async listening(ms = CONDITION_CEILING_MS) {
      await waitFor(
        () => /listening on (http:\/\/\S+)/.test(stdout),
        'the banner',
        ms,
        () => stderr,
      );
      return /listening on (http:\/\/\S+)/.exec(stdout)![1]!;
    },
    async waitForLog(predicate, what, ms = CONDITION_CEILING_MS) {
      await waitFor(
        () => logLines().some(predicate),
        what,
        ms,
        () => stderr,
      );
      return logLines().find(predicate)!;
    },
  };
}

/**
 * How long a system test waits for a condition before it calls it lost: a ceiling, not a pause (a
 * wait ends as soon as the condition holds), so it is generous enough for a 2-core machine that
 * runs other suites beside this one.
 */
export const CONDITION_CEILING_MS = 60_000;

/** Polls `predicate` every 25 ms until it holds, or fails after `ms` with what was awaited. */
export async function waitFor(
  predicate: () => boolean,
  what: string,
  ms = CONDITION_CEILING_MS,
  context?: () => string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${context ? `\n${context()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
