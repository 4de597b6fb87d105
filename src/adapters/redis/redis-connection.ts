import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../../domain/ports/logger.port.js';
import type { BackendConnection } from '../backend-connection.js';
import { LATE, withinDeadline } from '../deadline.js';
import { safeReason } from '../redact.js';

export type RedisConnectionDeps = {
  config: { redisUrl: string };
  logger: Logger;
};

/** How long open() waits for the TCP connection, and then for the whole handshake. */
const CONNECT_TIMEOUT_MS = 3000;
const OPEN_DEADLINE_MS = 5000;
/** How long close() lets pending commands finish before dropping the socket. */
const CLOSE_GRACE_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 3000;

/** One node-redis client shared by every Redis adapter. */
export class RedisConnection implements BackendConnection {
  readonly name = 'redis';
  private readonly url: string;
  private readonly safeUrl: string;
  private readonly logger: Logger;
  private current: RedisClientType | undefined;
  private opened = false;

  constructor(deps: RedisConnectionDeps) {
    this.url = deps.config.redisUrl;
    this.safeUrl = redactRedisUrl(this.url);
    this.logger = deps.logger;
  }

  /** The connected client; throws when open() has not succeeded or close() was called. */
  get client(): RedisClientType {
    if (!this.current) {
      throw new Error(`redis at ${this.safeUrl} is not open: call open() first`);
    }
    return this.current;
  }

  /** Connects once, without retrying; rejects within a few seconds with the reason. */
  async open(): Promise<void> {
    if (this.current) return;
    let client: RedisClientType;
    try {
      client = createClient({
        url: this.url,
        // A request should fail fast while Redis is away rather than queue up behind the outage.
        disableOfflineQueue: true,
        socket: {
          connectTimeout: CONNECT_TIMEOUT_MS,
          // Refusing to retry until the first connection succeeds is what makes open() give up.
          reconnectStrategy: (retries) => (this.opened ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : false),
        },
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    // Without a listener, an 'error' event would crash the process. While the connection is lost,
    // node-redis retries and errs every few seconds: only the first error after a good spell is logged.
    let healthy = true;
    client.on('error', (error: unknown) => {
      if (!this.opened || !healthy) return;
      healthy = false;
      this.logger.warn('redis connection lost: reconnecting', { url: this.safeUrl, reason: this.reason(error) });
    });
    try {
      if ((await withinDeadline(client.connect(), OPEN_DEADLINE_MS)) === LATE) {
        throw new Error(`no answer within ${OPEN_DEADLINE_MS} ms`);
      }
    } catch (error) {
      destroyQuietly(client);
      throw this.unreachable(error);
    }
    this.current = client;
    this.opened = true;
    client.on('ready', () => {
      if (healthy) return;
      healthy = true;
      this.logger.info('redis connection restored', { url: this.safeUrl });
    });
  }

  /** Disconnects, letting pending commands finish briefly; safe when never opened or already closed. */
  async close(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    this.opened = false;
    if (!client?.isOpen) return;
    try {
      if ((await withinDeadline(client.close(), CLOSE_GRACE_MS)) === LATE) destroyQuietly(client);
    } catch {
      destroyQuietly(client);
    }
  }

  private unreachable(error: unknown): Error {
    return new Error(`redis at ${this.safeUrl} is unreachable: ${this.reason(error)}`, { cause: error });
  }

  /** The error's message with any password from the URL blanked out, in case a driver echoes it. */
  private reason(error: unknown): string {
    return safeReason(error, [passwordOf(this.url)]);
  }
}

/** The URL with its password removed, fit for logs and error messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

function destroyQuietly(client: RedisClientType): void {
  try {
    if (client.isOpen) client.destroy();
  } catch {
    // Already closed: nothing left to release.
  }
}
