import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';

const root = new URL('../../', import.meta.url).pathname;

/** `npm run demo`, running on free ports, in a process group of its own (the provider and the client app). */
export interface RunningDemo {
  providerUrl: string;
  clientUrl: string;
  clientPort: number;
  stdout(): string;
  stderr(): string;
  /** Sends SIGINT to the whole group, as Ctrl-C in a terminal does; resolves the demo's exit code. */
  interrupt(): Promise<number | null>;
  /** Kills whatever of the group is left; safe to call at any time. */
  kill(): void;
}

/**
 * Starts the demo as `npm run demo -- --provider-port P --client-port C` runs it, on free ports (a
 * developer may have Signet on 3000 meanwhile), with cheap password hashing; resolves once it has
 * printed both URLs. `protocol: 'oidc'` adds `--protocol oidc`.
 */
export async function startDemo(options: { protocol?: 'oidc' } = {}): Promise<RunningDemo> {
  const providerPort = await freePort();
  const clientPort = await freePort();
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'examples/sso-client/demo.ts',
      '--provider-port',
      String(providerPort),
      '--client-port',
      String(clientPort),
      ...(options.protocol === undefined ? [] : ['--protocol', options.protocol]),
    ],
    {
      cwd: root,
      detached: true,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PASSWORD_HASH_LOG_N: '10' },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const kill = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };

  const deadline = Date.now() + 30_000;
  while (!stdout.includes('Ctrl-C stops both')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      kill();
      throw new Error(`the demo did not start:\n${stdout}\n${stderr}`);
    }
    await sleep(50);
  }
  return {
    providerUrl: `http://localhost:${providerPort}`,
    clientUrl: `http://localhost:${clientPort}`,
    clientPort,
    stdout: () => stdout,
    stderr: () => stderr,
    interrupt: async () => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
      return exit;
    },
    kill,
  };
}
