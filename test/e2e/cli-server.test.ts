import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { SignetClient } from '../../src/client/signet-client.js';

const root = new URL('../../', import.meta.url).pathname;
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

/** Runs the command line as `npm run signet --` does, to its end. */
function signet(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/signet.js', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the command line against a Signet started as npm start starts it', () => {
  let server: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    server?.kill('SIGKILL');
    server = undefined;
  });

  it('makes a key with --server that works at once against that server, on memory adapters', { timeout: 90_000 }, async () => {
    server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    });
    let banner = '';
    server.stdout.on('data', (chunk: Buffer) => (banner += chunk.toString()));
    const deadline = Date.now() + 15_000;
    while (!/listening on (http:\/\/\S+)/.test(banner)) {
      if (Date.now() > deadline) throw new Error(`no banner: ${banner}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const baseUrl = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
    // A v2 request dated in the second the server started is refused as a possible replay (the
    // memory cache's horizon: docs/signing.md); the compiled command line can be that quick.
    const horizon = (Math.floor(Date.now() / 1000) + 1) * 1000;
    while (Date.now() < horizon) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(banner).toMatch(/admin API key: ad417e5c {2}SEC key: [0-9a-f]{32}/);

    const created = await signet(['--server', baseUrl, 'key', 'create', '--api', 'GET /api/hello/']);
    expect(created.status, created.stderr).toBe(0);
    const apiKey = /API key: (\w+)/.exec(created.stdout)![1]!;
    const secretKey = /SEC key: (\w+)/.exec(created.stdout)![1]!;
    const client = new SignetClient({ baseUrl, apiKey, secretKey });
    expect(await (await client.get('/api/hello/')).json()).toEqual({ hello: 'world', user: null });
    expect(await (await client.get('/api/goodbye/')).json()).toEqual({ error: 'entry point not allowed for the API key' });

    const started = performance.now();
    const listed = await signet(['--server', baseUrl, 'key', 'list']);
    console.log(`node scripts/signet.js --server URL key list: ${Math.round(performance.now() - started)} ms`);
    expect(listed.stdout).toContain(apiKey);
    expect(listed.stderr).toBe('');
  });
});
