import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

/** The machine a run measured, as the report states it. */
export function describeMachine(): string {
  const model = cpuModel();
  const memory = `${Math.round(totalmem() / 1024 ** 3)} GiB`;
  return `${model}, ${availableParallelism()} vCPUs, ${memory}, Linux ${release()}, Node.js ${process.versions.node}`;
}

/** The load averages (1, 5, 15 minutes) when the run began: on a shared machine they say how busy it was. */
export function loadAverages(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // Not Linux: the platform's own name will do.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}
