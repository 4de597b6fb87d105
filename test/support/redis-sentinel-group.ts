import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { findOnPath, run, spawnRedis, type PrivateRedis } from './redis-process.js';

/** A master with one replica, watched by three Sentinels, all children of this process. */
export interface SentinelGroup {
  /** The master's name, as REDIS_SENTINEL_NAME takes it. */
  name: string;
  /** The Sentinels, as REDIS_SENTINELS takes them. */
  sentinels: string[];
  master: PrivateRedis;
  replica: PrivateRedis;
  /** The port of the master the Sentinels name just now. */
  currentMasterPort(): Promise<number>;
  stop(): Promise<void>;
}

const NAME = 'signet-test';

export async function startSentinelGroup(downAfterMs: number): Promise<SentinelGroup | { unavailable: string }> {
  const server = await findOnPath('redis-server');
  const cli = await findOnPath('redis-cli');
  if (!server || !cli) return { unavailable: 'redis-server and redis-cli are not both on PATH' };
  const started: PrivateRedis[] = [];
  const sentinels: { child: ChildProcess; dir: string; port: number }[] = [];
  const stop = async (): Promise<void> => {
    for (const { child } of sentinels) child.kill('SIGKILL');
    await Promise.all(sentinels.map(({ dir }) => rm(dir, { recursive: true, force: true })));
    await Promise.all(started.map((node) => node.stop()));
  };
  process.once('exit', () => sentinels.forEach(({ child }) => child.kill('SIGKILL')));
  try {
    const masterNode = await spawnRedis(server, ['--repl-diskless-sync-delay', '0']);
    const master = { ...masterNode, url: `redis://127.0.0.1:${masterNode.port}` };
    started.push(master);
    const replicaNode = await spawnRedis(server, ['--replicaof', '127.0.0.1', String(master.port)]);
    const replica = { ...replicaNode, url: `redis://127.0.0.1:${replicaNode.port}` };
    started.push(replica);
    for (let i = 0; i < 3; i += 1) {
      const dir = await mkdtemp(join(tmpdir(), 'signet-sentinel-'));
      const port = await freePort();
      const conf = join(dir, 'sentinel.conf');
      await writeFile(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${NAME} 127.0.0.1 ${master.port} 2`,
          `sentinel down-after-milliseconds ${NAME} ${downAfterMs}`,
          `sentinel failover-timeout ${NAME} 10000`,
          '',
        ].join('\n'),
      );
      const child = spawn(server, [conf, '--sentinel'], { stdio: 'ignore' });
      sentinels.push({ child, dir, port });
    }
    const ask = async (port: number, ...args: string[]): Promise<string> =>
      (await run(cli, ['-p', String(port), ...args], { timeout: 5000 })).stdout;
    const currentMasterPort = async (): Promise<number> => {
      for (const { port } of sentinels) {
        try {
          const reply = await ask(port, 'sentinel', 'get-master-addr-by-name', NAME);
          const found = Number(reply.trim().split('\n')[1]);
          if (found) return found;
        } catch {
          // This Sentinel is not up yet: ask the next.
        }
      }
      throw new Error('no Sentinel names a master');
    };
    const begun = Date.now();
    // Ready once the replica holds the master's data and every Sentinel knows it and the others.
    for (;;) {
      try {
        const synced = (await ask(replica.port, 'info', 'replication')).includes('master_link_status:up');
        const ready = await Promise.all(
          sentinels.map(async ({ port }) => {
            const info = await ask(port, 'sentinel', 'master', NAME);
            const field = (key: string): number => Number(new RegExp(`^${key}\\n(\\d+)`, 'm').exec(info)?.[1] ?? 0);
            return field('num-slaves') >= 1 && field('num-other-sentinels') >= 2;
          }),
        );
        if (synced && ready.every(Boolean)) break;
      } catch {
        // Still starting.
      }
      if (Date.now() - begun > 20_000) throw new Error('the Sentinels did not find each other and the replica');
      await sleep(200);
    }
    return { name: NAME, sentinels: sentinels.map(({ port }) => `127.0.0.1:${port}`), master, replica, currentMasterPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
