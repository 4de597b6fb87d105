import type { Logger } from '../../domain/ports/logger.port.js';

export type LogLevel = 'info' | 'warn' | 'error' | 'silent';

const rank: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 };

/** One line per event on stderr: `level message {fields}`. */
export class ConsoleLogger implements Logger {
  private readonly threshold: number;

  constructor(deps: { config: { logLevel: LogLevel } }) {
    this.threshold = rank[deps.config.logLevel];
  }

  info(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.write('error', message, fields);
  }

  private write(level: Exclude<LogLevel, 'silent'>, message: string, fields?: Readonly<Record<string, unknown>>): void {
    if (rank[level] < this.threshold) return;
    const tail = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}${tail}\n`);
  }
}
