import type { Logger } from '../../src/domain/shared/logger.port.js';

/** One line the service logged. */
export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Readonly<Record<string, unknown>>;
}

/** A logger that keeps every line, for tests to read. */
export class CapturingLogger implements Logger {
  readonly lines: LoggedLine[] = [];

  info(message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'error', message, fields });
  }

  /** The error lines: a bug answered with a 500 is logged as `unhandled error`. */
  errors(): LoggedLine[] {
    return this.lines.filter((line) => line.level === 'error');
  }

  /** The lines whose message contains `text`. */
  matching(text: string): LoggedLine[] {
    return this.lines.filter((line) => line.message.includes(text));
  }

  /** Everything logged, as one text, to search for what must never appear. */
  text(): string {
    return this.lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.fields)}`).join('\n');
  }
}
