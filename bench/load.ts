import { readFileSync } from 'node:fs';
import { HttpConnection } from './http-connection.js';
import type { Scenario } from './scenarios.js';
import type { BenchServer } from './servers.js';

/** One round of one scenario. */
export interface Measure {
  /** Units (requests or handshakes) answered as expected. */
  units: number;
  failures: number;
  seconds: number;
  /** The server's CPU time over the round, in microseconds. */
  serverCpuMicros: number;
  /** The part of it spent in user space (the rest is the kernel's, mostly writing to sockets). */
  serverUserMicros: number;
  /** This process's CPU time over the round, in microseconds. */
  clientCpuMicros: number;
  /** Redis's CPU time over the round, in microseconds, when the scenario uses a Redis the bench can see. */
  redisCpuMicros: number | null;
  p50Ms: number;
  p99Ms: number;
  signedInWindow: number;
}

export interface LoadOptions {
  seconds: number;
  concurrency: number;
  /** How many units to sign ahead of the round. */
  prepared: number;
  /** The pid of a Redis on this machine whose CPU time to read from /proc, when the scenario uses one. */
  redisPid: number | null;
}

/**
 * Keeps `concurrency` connections busy with `scenario`'s units for `seconds`, each connection one
 * unit at a time; then reads the server's CPU time. Units are signed before the clock starts.
 */
export async function measure(scenario: Scenario, server: BenchServer, options: LoadOptions): Promise<Measure> {
  const round = scenario.prepare(server, options.prepared);
  const connections = Array.from({ length: options.concurrency }, () => new HttpConnection(server.port));
  const latencies: number[] = [];
  let units = 0;
  let failures = 0;

  const redisBefore = options.redisPid === null ? null : cpuTicks(options.redisPid);
  const serverBefore = await server.cpuMicros();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    connections.map(async (connection) => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        let ok = false;
        try {
          ok = await round.run(connection);
        } catch {
          connection.close();
        }
        latencies.push(performance.now() - begun);
        if (ok) units += 1;
        else failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await server.cpuMicros();
  const redisCpuMicros =
    options.redisPid === null || redisBefore === null
      ? null
      : ((cpuTicks(options.redisPid) - redisBefore) * 1e6) / TICKS_PER_SECOND;
  for (const connection of connections) connection.close();
  latencies.sort((a, b) => a - b);
  return {
    units,
    failures,
    seconds,
    serverCpuMicros: serverAfter.total - serverBefore.total,
    serverUserMicros: serverAfter.user - serverBefore.user,
    clientCpuMicros: client.user + client.system,
    redisCpuMicros,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    signedInWindow: round.signedInWindow(),
  };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

// Linux reports /proc times in USER_HZ, which is 100 on every mainstream architecture.
const TICKS_PER_SECOND = 100;

/** CPU time a process has used so far (user and system, all threads), in clock ticks. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
