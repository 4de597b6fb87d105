import type { Logger } from '../../domain/shared/logger.port.js';
import type { BackendConnection } from '../backend-connection.js';
import { LATE, withinDeadline } from '../deadline.js';
import { safeReason } from '../redact.js';
import { evictionWarning } from './eviction-policy.js';
import { cluster, sentinel, singleServer, type RedisHandle } from './redis-clients.js';
import type { RedisCommands } from './redis-commands.js';
import { replicasInSync } from './replica-counts.js';

export type RedisConnectionDeps = {
  config: {
    /** A Redis Cluster when `redisClusterNodes` names its nodes; the server at `redisUrl` otherwise. */
    redisUrl: string;
    redisClusterNodes?: readonly string[] | null;
    /** Sentinels watching the master named `redisSentinelName`, when Redis runs under Sentinel. */
    redisSentinels?: readonly string[] | null;
    redisSentinelName?: string;
    /** How many replicas must acknowledge a write that guards against replay; null or absent: 1 where replicas are seen, 0 otherwise. */
    redisWaitReplicas?: number | null;
    /** How long such a write may wait for them (REDIS_WAIT_REPLICAS), in ms. */
    backendTimeoutMs?: number;
  };
  logger: Logger;
};

/** How long open() waits for the TCP connection, and then for the whole handshake. */
const CONNECT_TIMEOUT_MS = 3000;
const OPEN_DEADLINE_MS = 5000;
/** How long close() lets pending commands finish before dropping the socket. */
const CLOSE_GRACE_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 3000;
/** How long open() waits for INFO, which only serves a warning. */
const INFO_DEADLINE_MS = 1000;
/** How long a write waits for its replicas when the configuration does not say (BACKEND_TIMEOUT_MS's default). */
const DEFAULT_WAIT_MS = 2000;

/**
 * One node-redis client shared by every Redis adapter: the client of one server, or of a Redis
 * Cluster (REDIS_CLUSTER_NODES). The adapters see only RedisCommands, which both offer.
 */
export class RedisConnection implements BackendConnection {
  readonly name = 'redis';
  private readonly url: string;
  private readonly clusterNodes: readonly string[] | null;
  private readonly sentinels: { name: string; urls: readonly string[] } | null;
  private readonly safeUrl: string;
  private readonly logger: Logger;
  private readonly askedReplicas: number | null;
  private readonly waitMs: number;
  private current: RedisHandle | undefined;
  private opened = false;
  private replicas = 0;

  constructor(deps: RedisConnectionDeps) {
    this.url = deps.config.redisUrl;
    this.clusterNodes = deps.config.redisClusterNodes ?? null;
    const sentinels = deps.config.redisSentinels ?? null;
    this.sentinels = sentinels ? { name: deps.config.redisSentinelName ?? 'mymaster', urls: sentinels } : null;
    this.safeUrl = this.clusterNodes
      ? `cluster ${this.clusterNodes.map(redactRedisUrl).join(',')}`
      : this.sentinels
        ? `master ${this.sentinels.name} of sentinels ${this.sentinels.urls.map(redactRedisUrl).join(',')}`
        : redactRedisUrl(this.url);
    this.logger = deps.logger;
    this.askedReplicas = deps.config.redisWaitReplicas ?? null;
    this.waitMs = deps.config.backendTimeoutMs ?? DEFAULT_WAIT_MS;
  }

  /** How many replicas acknowledge each write that guards against replay (0: the master's word is enough). */
  get waitReplicas(): number {
    return this.replicas;
  }

  /**
   * Resolves once enough replicas hold every write sent so far to the server (or the master) that
   * holds `key`, as REDIS_WAIT_REPLICAS asks; rejects when they do not say so within the wait, so
   * that a write a failover could lose is refused (503) rather than trusted.
   */
  async replicated(key: string): Promise<void> {
    if (this.replicas === 0) return;
    const { wanted, acknowledged } = await this.handle().waitForReplicas(key, this.replicas, this.waitMs);
    if (acknowledged < wanted) {
      throw new Error(`${acknowledged} of ${wanted} replicas acknowledged a write within ${this.waitMs} ms`);
    }
  }

  /** The connected client's commands; throws when open() has not succeeded or close() was called. */
  get client(): RedisCommands {
    return this.handle().commands;
  }

  /** Resolves when Redis answers (on a cluster: every master); rejects otherwise. */
  async ping(): Promise<void> {
    await this.handle().ping();
  }

  /** Connects once, without retrying, and checks that Redis answers; rejects within a few seconds with the reason. */
  async open(): Promise<void> {
    if (this.current) return;
    const settings = {
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      // Refusing to retry until the first connection succeeds is what makes open() give up. After a
      // loss node-redis tries once at once, then counts the retries from 1: 100 ms, 200 ms, 400 ms...
      reconnect: (retries: number) =>
        this.opened ? Math.min(100 * 2 ** Math.max(0, retries - 1), MAX_RECONNECT_DELAY_MS) : false,
    };
    let handle: RedisHandle;
    try {
      handle = this.clusterNodes
        ? cluster(this.clusterNodes, settings)
        : this.sentinels
          ? sentinel(this.sentinels.name, this.sentinels.urls, settings)
          : singleServer(this.url, settings);
    } catch (error) {
      throw this.unreachable(error);
    }
    // Without a listener, an 'error' event would crash the process. While the connection is lost,
    // node-redis retries and errs every few seconds: only the first error after a good spell is logged.
    let healthy = true;
    handle.watch(
      (error) => {
        if (!this.opened || !healthy) return;
        healthy = false;
        this.logger.warn('redis connection lost: reconnecting', { url: this.safeUrl, reason: this.reason(error) });
      },
      () => {
        if (!this.opened || healthy) return;
        healthy = true;
        this.logger.info('redis connection restored', { url: this.safeUrl });
      },
    );
    try {
      // A server can take the connection and still refuse every command (it wants a password, or
      // an ACL forbids): a PING says so here, with Redis's reason, rather than at the first request.
      if ((await withinDeadline(connectAndPing(handle), OPEN_DEADLINE_MS)) === LATE) {
        throw new Error(`no answer within ${OPEN_DEADLINE_MS} ms`);
      }
    } catch (error) {
      destroyQuietly(handle);
      throw this.unreachable(error);
    }
    this.current = handle;
    this.opened = true;
    await this.warnOfEviction(handle);
    this.replicas = this.askedReplicas ?? (this.clusterNodes || this.sentinels ? 1 : await this.replicasSeen(handle));
  }

  /** 1 when the server has a replica in sync, 0 otherwise. */
  private async replicasSeen(handle: RedisHandle): Promise<number> {
    let replies: string[] | typeof LATE;
    try {
      replies = await withinDeadline(handle.info('replication'), INFO_DEADLINE_MS);
    } catch {
      replies = LATE;
    }
    if (replies !== LATE && replies.some((text) => replicasInSync(text) > 0)) {
      this.logger.info('redis has replicas: writes that guard against replay wait for one (REDIS_WAIT_REPLICAS=1)', {
        url: this.safeUrl,
      });
      return 1;
    }
    return 0;
  }

  /** Says once, at start, when Redis may evict what Signet relies on; a Redis that refuses INFO is left alone. */
  private async warnOfEviction(handle: RedisHandle): Promise<void> {
    try {
      const replies = await withinDeadline(handle.info('memory'), INFO_DEADLINE_MS);
      if (replies === LATE) return;
      const warning = replies.map(evictionWarning).find((text) => text !== null);
      if (warning) this.logger.warn(warning, { url: this.safeUrl });
    } catch {
      // INFO renamed or refused (as some hosted Redis do): nothing to tell.
    }
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

  private handle(): RedisHandle {
    if (!this.current) throw new Error(`redis at ${this.safeUrl} is not open: call open() first`);
    return this.current;
  }

  private unreachable(error: unknown): Error {
    return new Error(`redis at ${this.safeUrl} is unreachable: ${this.reason(error)}`, { cause: error });
  }

  /** The error's message with any password from the URL blanked out, in case a driver echoes it. */
  private reason(error: unknown): string {
    return safeReason(error, [this.url, ...(this.clusterNodes ?? []), ...(this.sentinels?.urls ?? [])].map(passwordOf));
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

async function connectAndPing(handle: RedisHandle): Promise<void> {
  await handle.connect();
  await handle.ping();
}

function destroyQuietly(client: RedisHandle): void {
  try {
    if (client.isOpen) client.destroy();
  } catch {
    // Already closed: nothing left to release.
  }
}
