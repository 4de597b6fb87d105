import type { Logger } from '../../src/domain/ports/logger.port.js';

export interface RecordedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Readonly<Record<string, unknown>>;
}

/** A Logger that keeps every line, for tests that look at what the service reported. */
export class RecordingLogger implements Logger {
  readonly lines: RecordedLine[] = [];

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
  errors(): RecordedLine[] {
    return this.lines.filter((line) => line.level === 'error');
  }
}
