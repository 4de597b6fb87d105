import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/free-port.js';
import { HttpConnection, getRequest } from './http-connection.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** A server under measurement, in a child process of its own. */
export interface BenchServer {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** CPU time the process has used so far, in microseconds, as it reports it: all, and user time alone. */
  cpuMicros(): Promise<CpuTime>;
  stop(): Promise<void>;
}

export interface CpuTime {
  total: number;
  user: number;
}

export interface ServerSpec {
  name: string;
  /** The module to run, and its arguments; the port is added as PORT. */
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  /** A path that answers 200 once the server is up. */
  readyPath: string;
  /** Extra arguments for node, such as --cpu-prof. */
  nodeArgs?: readonly string[];
  /** Send its standard error to /dev/null rather than to the bench's. */
  quiet?: boolean;
}

/** Starts a server (plain JavaScript, run by node) with the CPU probe loaded, and waits until it answers. */
export async function startServer(spec: ServerSpec): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), '--import', './bench/cpu-probe.js', ...spec.args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...spec.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', spec.quiet ? 'ignore' : 'inherit', 'ipc'],
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  await waitUntilAnswering(child, port, spec);
  return {
    name: spec.name,
    port,
    pid: child.pid!,
    cpuMicros: () => askCpu(child),
    stop: async () => {
      process.off('exit', killOnExit);
      await stop(child);
    },
  };
}

async function waitUntilAnswering(child: ChildProcess, port: number, spec: ServerSpec): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with status ${child.exitCode} before answering`);
    if (Date.now() - started > 60_000) throw new Error(`${spec.name} did not answer within 60 s`);
    const connection = new HttpConnection(port);
    try {
      const response = await connection.send(getRequest(port, spec.readyPath));
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    } finally {
      connection.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function askCpu(child: ChildProcess): Promise<CpuTime> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not report its CPU time')), 5000);
    const listener = (message: unknown): void => {
      if (typeof message !== 'object' || message === null || !('cpuMicros' in message) || !('userMicros' in message)) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve({ total: Number(message.cpuMicros), user: Number(message.userMicros) });
    };
    child.on('message', listener);
    child.send('cpu');
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const escalate = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(escalate);
}
