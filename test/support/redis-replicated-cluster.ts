import { setTimeout as sleep } from 'node:timers/promises';
import { findOnPath, run, spawnRedis, type PrivateRedis } from './redis-process.js';

/**
 * A Redis Cluster of three masters with one replica each, started from redis-server and redis-cli
 * for one test file, whose nodes the test may kill or freeze: the cluster an operator runs Signet on.
 */
export interface ReplicatedCluster {
  /** Every node as REDIS_CLUSTER_NODES takes them, masters and replicas alike. */
  nodes: string[];
  /** How long the cluster waits before it fails a silent node (cluster-node-timeout), in ms. */
  nodeTimeoutMs: number;
  /** The node serving `port`. */
  node(port: number): PrivateRedis;
  /** The ports of the nodes that are masters just now, as a node that answers sees them. */
  masters(): Promise<number[]>;
  /** The port of the master that owns the slot of `key` just now. */
  masterOf(key: string): Promise<number>;
  /** The port of a replica of the master at `port`. */
  replicaOf(port: number): Promise<number>;
  /** How many replicas the node at `port` has connected. */
  replicasOf(port: number): Promise<number>;
  /** How many keys each master holds, by port. */
  keysPerMaster(): Promise<Map<number, number>>;
  /** Resolves once every live node reports cluster_state:ok and every master has a replica in sync. */
  settled(limitMs: number): Promise<void>;
  /** Stops every node, also the killed and frozen ones. */
  stop(): Promise<void>;
}

const STARTUP_LIMIT_MS = 20_000;

/**
 * Starts the cluster, or returns why it cannot: redis-server and redis-cli must both be on PATH.
 * Every node is a child of this process and dies with it.
 */
export async function startReplicatedCluster(nodeTimeoutMs: number): Promise<ReplicatedCluster | { unavailable: string }> {
  const server = await findOnPath('redis-server');
  const cli = await findOnPath('redis-cli');
  if (!server || !cli) return { unavailable: 'redis-server and redis-cli are not both on PATH' };
  const servers: PrivateRedis[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((node) => node.stop()));
  };
  try {
    for (let i = 0; i < 6; i += 1) {
      const started = await spawnRedis(
        server,
        ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(nodeTimeoutMs)],
        { clusterBus: true },
      );
      servers.push({ ...started, url: `redis://127.0.0.1:${started.port}` });
    }
    const nodes = servers.map((node) => `127.0.0.1:${node.port}`);
    await run(cli, ['--cluster', 'create', ...nodes, '--cluster-replicas', '1', '--cluster-yes'], { timeout: STARTUP_LIMIT_MS });
    const cluster = replicatedCluster(cli, servers, nodeTimeoutMs, stop);
    await cluster.settled(STARTUP_LIMIT_MS);
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}

function replicatedCluster(
  cli: string,
  servers: PrivateRedis[],
  nodeTimeoutMs: number,
  stop: () => Promise<void>,
): ReplicatedCluster {
  const ask = async (port: number, ...args: string[]): Promise<string> =>
    (await run(cli, ['-p', String(port), ...args], { timeout: 5000 })).stdout;
  /** Asks the first node that answers (a killed or frozen one does not). */
  const askAny = async (...args: string[]): Promise<string> => {
    let last: unknown;
    for (const node of servers) {
      try {
        return await ask(node.port, ...args);
      } catch (error) {
        last = error;
      }
    }
    throw last;
  };
  const masters = async (): Promise<number[]> =>
    (await askAny('cluster', 'nodes'))
      .split('\n')
      .map((line) => line.split(' '))
      .filter((fields) => (fields[2] ?? '').split(',').includes('master') && !(fields[2] ?? '').includes('fail'))
      .filter((fields) => fields.length > 8)
      .map((fields) => Number((fields[1] ?? '').split(':')[1]?.split('@')[0]));
  return {
    nodes: servers.map((node) => `127.0.0.1:${node.port}`),
    nodeTimeoutMs,
    node(port) {
      const found = servers.find((node) => node.port === port);
      if (!found) throw new Error(`no node of this cluster serves port ${port}`);
      return found;
    },
    masters,
    async masterOf(key) {
      const slot = (await askAny('cluster', 'keyslot', key)).trim();
      const slots = await askAny('--json', 'cluster', 'slots');
      const ranges = JSON.parse(slots) as [number, number, [string, number, ...unknown[]], ...unknown[]][];
      const owner = ranges.find(([from, to]) => Number(slot) >= from && Number(slot) <= to);
      if (!owner) throw new Error(`no master owns slot ${slot}`);
      return owner[2][1];
    },
    async replicaOf(port) {
      const lines = (await askAny('cluster', 'nodes')).split('\n').map((line) => line.split(' '));
      const master = lines.find((fields) => (fields[1] ?? '').startsWith(`127.0.0.1:${port}@`));
      const replica = lines.find((fields) => master !== undefined && fields[3] === master[0]);
      const found = Number((replica?.[1] ?? '').split(':')[1]?.split('@')[0]);
      if (!found) throw new Error(`the master on port ${port} has no replica`);
      return found;
    },
    async replicasOf(port) {
      return Number(/^connected_slaves:(\d+)/m.exec(await ask(port, 'info', 'replication'))?.[1] ?? 0);
    },
    async keysPerMaster() {
      const counts = new Map<number, number>();
      for (const port of await masters()) counts.set(port, Number((await ask(port, 'dbsize')).trim()));
      return counts;
    },
    async settled(limitMs) {
      const started = Date.now();
      for (;;) {
        if (await allSettled(ask, servers)) return;
        if (Date.now() - started > limitMs) throw new Error(`the cluster did not settle within ${limitMs} ms`);
        await sleep(100);
      }
    },
    stop,
  };
}

async function allSettled(ask: (port: number, ...args: string[]) => Promise<string>, servers: PrivateRedis[]): Promise<boolean> {
  try {
    for (const node of servers) {
      const info = await ask(node.port, 'cluster', 'info');
      if (!info.includes('cluster_state:ok') || !info.includes(`cluster_known_nodes:${servers.length}`)) return false;
      const replication = await ask(node.port, 'info', 'replication');
      if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) return false;
      if (replication.includes('role:master') && replication.includes('connected_slaves:0')) return false;
    }
    return true;
  } catch {
    return false;
  }
}
