/** Where a command writes, and the environment it reads: the process's own, or a test's. */
export interface CliIo {
  /** Writes one line to standard output. */
  out(line: string): void;
  /** Writes one line to standard error. */
  err(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Thrown for arguments a command cannot take: the CLI prints `usage` and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** Thrown when the environment does not describe a valid configuration: each problem is printed, exit 2. */
export class CliConfigError extends Error {
  override readonly name = 'CliConfigError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}
