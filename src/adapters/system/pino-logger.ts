import type { Writable } from 'node:stream';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { Logger } from '../../domain/shared/logger.port.js';
import { redactRecord, redactText } from '../../domain/shared/redaction.js';

export type LogLevel = 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'pretty';

export interface PinoLoggerOptions {
  level: LogLevel;
  /** `json`: one object per line. `pretty`: for a terminal, when pino-pretty is installed. */
  format: LogFormat;
  /** True when the operator asked for this format (LOG_FORMAT), rather than the mode's default. */
  formatAskedFor?: boolean;
  /** Where lines go; standard error by default. */
  destination?: Writable;
}

/**
 * The Logger port on pino: one JSON object per line, `{"level":"info","time":...,"pid":...,
 * "msg":...,...fields}`. Every message and field passes through the domain's redaction on its way
 * out, whatever its caller meant to log: a field with a secret's name (`password`, `signature`,
 * `authorization`, ...) at any depth, and a secret `name=value` pair inside any text, become
 * `[redacted]`.
 */
export class PinoLogger implements Logger {
  constructor(
    private readonly pino: Pino,
    private readonly flushable: { flushSync?: () => void } = {},
  ) {}

  info(message: string, fields?: Readonly<Record<string, unknown>>): void {
    if (this.pino.isLevelEnabled('info')) this.pino.info(fields ?? {}, redactText(message));
  }

  warn(message: string, fields?: Readonly<Record<string, unknown>>): void {
    if (this.pino.isLevelEnabled('warn')) this.pino.warn(fields ?? {}, redactText(message));
  }

  error(message: string, fields?: Readonly<Record<string, unknown>>): void {
    if (this.pino.isLevelEnabled('error')) this.pino.error(fields ?? {}, redactText(message));
  }

  /** Writes out what is buffered; call before the process exits. */
  flush(): void {
    try {
      this.flushable.flushSync?.();
    } catch {
      // Nothing buffered, or the stream is gone: there is nothing left to save.
    }
  }
}

/**
 * A PinoLogger for these options. `pretty` needs pino-pretty, a development dependency: where it is
 * not installed (as after `npm ci --omit=dev`), the log is JSON, and says so once if LOG_FORMAT
 * asked for pretty.
 */
export async function createPinoLogger(options: PinoLoggerOptions): Promise<PinoLogger> {
  const settings: pino.LoggerOptions = {
    level: options.level,
    base: { pid: process.pid },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactRecord(object),
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return new PinoLogger(pino(settings, options.destination));
  if (options.format === 'pretty') {
    const pretty = await prettyStream();
    if (pretty) return new PinoLogger(pino(settings, pretty));
  }
  // Written asynchronously: lines that arrive while a write is under way go out together in the
  // next one, so a busy server makes few system calls and an idle one shows each line at once.
  const destination = pino.destination({ dest: 2, sync: false });
  const logger = new PinoLogger(pino(settings, destination), destination);
  if (options.format === 'pretty' && options.formatAskedFor === true) {
    logger.warn('LOG_FORMAT=pretty needs pino-pretty, a development dependency that is not installed: logging JSON');
  }
  return logger;
}

async function prettyStream(): Promise<DestinationStream | null> {
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid' });
  } catch {
    return null;
  }
}
