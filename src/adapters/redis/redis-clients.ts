import { createClient, createCluster, type RedisClientType, type RedisClusterType } from 'redis';
import type { RedisCommands } from './redis-commands.js';

/** What the connection needs of either kind of node-redis client. */
export interface RedisHandle {
  readonly commands: RedisCommands;
  connect(): Promise<unknown>;
  /** Resolves when every server the commands may reach answers: the one server, or every master. */
  ping(): Promise<void>;
  /** The text of `INFO <section>` from every server the commands may reach. */
  info(section: string): Promise<string[]>;
  close(): Promise<void>;
  destroy(): void;
  readonly isOpen: boolean;
  /** Calls `lost` on an error of the connection (or of any node), `ready` once a connection is ready again. */
  watch(lost: (error: unknown) => void, ready: () => void): void;
}

export interface RedisClientSettings {
  connectTimeoutMs: number;
  /** The delay before the next try after `retries` failed reconnections, or false to give up. */
  reconnect: (retries: number) => number | false;
}

/**
 * A node-redis client. Requests fail at once while Redis is away (no offline queue) rather than
 * queue up behind the outage: the backend guard then answers 503.
 */
export function singleServer(url: string, settings: RedisClientSettings): RedisHandle {
  const client: RedisClientType = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: settings.connectTimeoutMs, reconnectStrategy: settings.reconnect },
  });
  return {
    commands: client,
    connect: () => client.connect(),
    ping: async () => {
      await client.ping();
    },
    info: async (section) => [await client.info(section)],
    close: () => client.close(),
    destroy: () => client.destroy(),
    get isOpen() {
      return client.isOpen;
    },
    watch(lost, ready) {
      client.on('error', lost);
      client.on('ready', ready);
    },
  };
}

/**
 * node-redis's Redis Cluster client over these root nodes: it discovers the others, sends each
 * command to the master of its keys' slot, and follows MOVED and ASK redirections.
 */
export function cluster(urls: readonly string[], settings: RedisClientSettings): RedisHandle {
  const client: RedisClusterType = createCluster({
    rootNodes: urls.map((url) => ({ url })),
    defaults: {
      disableOfflineQueue: true,
      socket: { connectTimeout: settings.connectTimeoutMs, reconnectStrategy: settings.reconnect },
    },
  });
  return {
    commands: client,
    connect: () => client.connect(),
    ping: async () => {
      await Promise.all(client.masters.map(async (master) => (await client.nodeClient(master)).ping()));
    },
    info: (section) => Promise.all(client.masters.map(async (master) => (await client.nodeClient(master)).info(section))),
    close: () => client.close(),
    destroy: () => client.destroy(),
    get isOpen() {
      return client.isOpen;
    },
    watch(lost, ready) {
      client.on('error', lost);
      client.on('node-error', lost);
      client.on('node-ready', ready);
    },
  };
}
