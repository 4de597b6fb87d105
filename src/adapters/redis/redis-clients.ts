import { createClient, createCluster, createSentinel, type RedisClientType, type RedisClusterType } from 'redis';
import { z } from 'zod';
import type { RedisCommands } from './redis-commands.js';
import { ReplicaCounts } from './replica-counts.js';

/** What the connection needs of either kind of node-redis client. */
export interface RedisHandle {
  readonly commands: RedisCommands;
  connect(): Promise<unknown>;
  /** Resolves when every server the commands may reach answers: the one server, or every master. */
  ping(): Promise<void>;
  /** The text of `INFO <section>` from every server the commands may reach. */
  info(section: string): Promise<string[]>;
  /**
   * `WAIT` on the connection that carried the last write of `key` (on a cluster: to the master of
   * its slot) for `replicas` of its replicas, or as many as that master has connected if fewer.
   * Says how many were wanted (0: no WAIT sent) and how many acknowledged every write sent so far.
   */
  waitForReplicas(key: string, replicas: number, timeoutMs: number): Promise<ReplicaWait>;
  close(): Promise<void>;
  destroy(): void;
  readonly isOpen: boolean;
  /** Calls `lost` on an error of the connection (or of any node), `ready` once a connection is ready again. */
  watch(lost: (error: unknown) => void, ready: () => void): void;
}

export interface ReplicaWait {
  wanted: number;
  acknowledged: number;
}

export interface RedisClientSettings {
  connectTimeoutMs: number;
  /** The delay before the next try after `retries` failed reconnections, or false to give up. */
  reconnect: (retries: number) => number | false;
}

const waitReply = z.number().int().nonnegative();

/** WAIT for as many of `replicas` as the master has (`connected`; null when unknown: all of them). */
async function waitOn(
  node: { sendCommand(args: string[]): Promise<unknown> },
  connected: number | null,
  replicas: number,
  timeoutMs: number,
): Promise<ReplicaWait> {
  const wanted = connected === null ? replicas : Math.min(replicas, connected);
  if (wanted === 0) return { wanted, acknowledged: 0 };
  const acknowledged = waitReply.parse(await node.sendCommand(['WAIT', String(wanted), String(timeoutMs)]));
  return { wanted, acknowledged };
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
  const replicaCounts = new ReplicaCounts(() => [{ address: url, replicationInfo: () => client.info('replication') }]);
  return {
    commands: client,
    connect: async () => {
      await client.connect();
      replicaCounts.start();
    },
    ping: async () => {
      await client.ping();
    },
    info: async (section) => [await client.info(section)],
    waitForReplicas: async (_key, replicas, timeoutMs) => waitOn(client, await replicaCounts.of(url), replicas, timeoutMs),
    close: () => {
      replicaCounts.stop();
      return client.close();
    },
    destroy: () => {
      replicaCounts.stop();
      client.destroy();
    },
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
 * How soon a node that keeps failing to reconnect makes the client read the cluster's map of slots
 * again: a master the cluster has failed is then left for the replica it promoted.
 */
const REFRESH_AFTER_RECONNECTING_MS = 1000;
/** A node is retried at least this often, so that the refresh above is not held up by a long backoff. */
const MAX_NODE_RECONNECT_DELAY_MS = 500;
/** Errors that mean the map of slots may be out of date; at most one refresh per interval. */
const REFRESH_INTERVAL_MS = 500;

/**
 * node-redis's Redis Cluster client over these root nodes: it discovers the others, sends each
 * command to the master of its keys' slot, and follows MOVED and ASK redirections. Since node-redis
 * 6 it reads the map of slots again when a node keeps failing to reconnect; this adds a read after
 * any node's connection error and after a CLUSTERDOWN reply, so a failover is noticed within about a
 * second of the replica's promotion.
 */
export function cluster(urls: readonly string[], settings: RedisClientSettings): RedisHandle {
  const client: RedisClusterType = createCluster({
    rootNodes: urls.map((url) => ({ url })),
    topologyRefreshOnReconnectionAttemptStrategy: REFRESH_AFTER_RECONNECTING_MS,
    defaults: {
      disableOfflineQueue: true,
      socket: {
        connectTimeout: settings.connectTimeoutMs,
        reconnectStrategy: (retries: number) => {
          const delay = settings.reconnect(retries);
          return delay === false ? false : Math.min(delay, MAX_NODE_RECONNECT_DELAY_MS);
        },
      },
    },
  });
  let lastRefresh = 0;
  const refresh = (): void => {
    const now = Date.now();
    if (!client.isOpen || now - lastRefresh < REFRESH_INTERVAL_MS) return;
    lastRefresh = now;
    // `_slots.rediscover` is the refresh node-redis runs itself on MOVED; concurrent calls share one.
    client._slots.rediscover().catch(() => undefined);
  };
  const refreshOnClusterDown = async <T>(reply: Promise<T>): Promise<T> => {
    try {
      return await reply;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('CLUSTERDOWN')) refresh();
      throw error;
    }
  };
  const replicaCounts = new ReplicaCounts(() =>
    client.masters.map((master) => ({
      address: master.address,
      replicationInfo: async () => (await client.nodeClient(master)).info('replication'),
    })),
  );
  const commands: RedisCommands = {
    get: (key) => refreshOnClusterDown(client.get(key)),
    set: (key, value, options) => refreshOnClusterDown(client.set(key, value, options)),
    getDel: (key) => refreshOnClusterDown(client.getDel(key)),
    del: (keys) => refreshOnClusterDown(client.del(keys)),
    evalSha: (sha, options) => refreshOnClusterDown(client.evalSha(sha, options)),
    eval: (script, options) => refreshOnClusterDown(client.eval(script, options)),
  };
  return {
    commands,
    connect: async () => {
      await client.connect();
      replicaCounts.start();
    },
    ping: async () => {
      await Promise.all(client.masters.map(async (master) => (await client.nodeClient(master)).ping()));
    },
    info: (section) => Promise.all(client.masters.map(async (master) => (await client.nodeClient(master)).info(section))),
    waitForReplicas: async (key, replicas, timeoutMs) => {
      // The node client that carried the write of `key`: WAIT counts what was sent on its connection.
      const { client: node } = await client._slots.getClientAndSlotNumber(key, false);
      const master = client.masters.find((candidate) => candidate.client === node);
      return waitOn(node, master ? await replicaCounts.of(master.address) : null, replicas, timeoutMs);
    },
    close: () => {
      replicaCounts.stop();
      return client.close();
    },
    destroy: () => {
      replicaCounts.stop();
      client.destroy();
    },
    get isOpen() {
      return client.isOpen;
    },
    watch(lost, ready) {
      client.on('error', lost);
      client.on('node-error', (error: unknown) => {
        refresh();
        lost(error);
      });
      client.on('node-ready', ready);
    },
  };
}

/**
 * node-redis's Sentinel client: it asks these Sentinels for the master named `name`, and when they
 * fail it over, connects to the replica they promoted. One connection to the master, so that a
 * WAIT follows the write it is about on the same connection.
 */
export function sentinel(name: string, urls: readonly string[], settings: RedisClientSettings): RedisHandle {
  const socket = { connectTimeout: settings.connectTimeoutMs, reconnectStrategy: settings.reconnect };
  const client = createSentinel({
    name,
    sentinelRootNodes: urls.map((url) => {
      const parsed = new URL(url);
      return { host: parsed.hostname, port: Number(parsed.port || 26379) };
    }),
    masterPoolSize: 1,
    nodeClientOptions: { disableOfflineQueue: true, socket },
    sentinelClientOptions: { socket },
    passthroughClientErrorEvents: true,
  });
  const replicaCounts = new ReplicaCounts(() => [{ address: 'master', replicationInfo: () => client.info('replication') }]);
  return {
    commands: client,
    connect: async () => {
      await client.connect();
      replicaCounts.start();
    },
    ping: async () => {
      await client.ping();
    },
    info: async (section) => [await client.info(section)],
    waitForReplicas: async (_key, replicas, timeoutMs) =>
      waitOn({ sendCommand: (args) => client.sendCommand(false, args) }, await replicaCounts.of('master'), replicas, timeoutMs),
    close: () => {
      replicaCounts.stop();
      return client.close();
    },
    destroy: () => {
      replicaCounts.stop();
      // The Sentinel client's destroy settles once every connection is dropped; nothing waits for it.
      client.destroy().catch(() => undefined);
    },
    get isOpen() {
      return client.isOpen;
    },
    watch(lost, ready) {
      client.on('error', lost);
      client.on('client-error', lost);
      client.on('topology-change', ready);
    },
  };
}
