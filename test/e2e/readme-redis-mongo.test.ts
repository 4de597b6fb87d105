import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mongoForTests } from '../support/mongo-for-tests.js';
import { redisForTests, uniqueKeyPrefix } from '../support/redis-server.js';

const root = new URL('../../', import.meta.url).pathname;
const page = readFileSync(new URL('docs/configuration.md', `file://${root}`), 'utf8');

/** The sh blocks of the section "Running on Redis and MongoDB" of docs/configuration.md, in order. */
function section(): string[] {
  const start = page.indexOf('## Running on Redis and MongoDB');
  const text = page.slice(start, page.indexOf('\n## ', start + 1));
  return [...text.matchAll(/```sh\n([\s\S]*?)\n```/g)].map((match) => match[1]!);
}

/**
 * Runs the section as pasted, after its first block (Docker's Redis and MongoDB), with only the two
 * addresses changed to a test Redis and a test MongoDB: the server's block in one shell, the next in
 * another, which gets the variables the first exported, as the page says to do.
 */
describe('the section "Running on Redis and MongoDB" of docs/configuration.md', () => {
  let server: ChildProcessWithoutNullStreams | undefined;
  const stopServer = (signal: NodeJS.Signals): void => {
    if (server?.pid !== undefined && server.exitCode === null) {
      try {
        process.kill(-server.pid, signal);
      } catch {
        // Already gone.
      }
    }
  };
  afterAll(() => {
    stopServer('SIGKILL');
  });

  it('starts from the Redis and MongoDB of compose.yaml, published where the settings that follow look for them', () => {
    const [compose] = section();
    expect(compose).toBe('docker compose up -d --wait redis mongo');
    const services = (parse(readFileSync(`${root}compose.yaml`, 'utf8')) as { services: Record<string, { ports?: string[] }> })
      .services;
    expect(services.redis?.ports).toEqual(['127.0.0.1:6379:6379']);
    expect(services.mongo?.ports).toEqual(['127.0.0.1:27017:27017']);
    const [, first] = section();
    expect(first).toContain('REDIS_URL=redis://127.0.0.1:6379\n');
    expect(first).toContain("MONGO_URL='mongodb://127.0.0.1:27017/signet?directConnection=true'");
  });

  it('starts Signet in production on Redis and MongoDB, and the second terminal makes a key it serves', async () => {
    const [, first, second] = section();
    if (!first || !second) throw new Error('the section should hold three sh blocks');
    const redis = await redisForTests();
    if (!redis) throw new Error('this test needs Redis (REDIS_URL, or redis-server on PATH)');
    const mongo = await mongoForTests();
    let envFile = '';
    try {
      const pasted = first
        .replace('redis://127.0.0.1:6379', redis.url)
        .replace(
          'mongodb://127.0.0.1:27017/signet?directConnection=true',
          mongo.url.includes('?') ? mongo.url : `${mongo.url}?directConnection=true`,
        )
        .replace(/^npm start$/m, 'env > "$SIGNET_ENV_FILE"; PORT=0 HOST=127.0.0.1 npm start');
      envFile = `${root}node_modules/.readme-env-${process.pid}`;
      // A process group of its own, so that the shell, npm and Signet stop together.
      server = spawn('bash', ['-euc', pasted], {
        cwd: root,
        detached: true,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          SIGNET_ENV_FILE: envFile,
          REDIS_KEY_PREFIX: uniqueKeyPrefix(),
        },
      });
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      server.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await expect.poll(() => /listening on (http:\/\/\S+)/.exec(out)?.[1], { timeout: 90_000 }).toBeDefined();
      const baseUrl = /listening on (http:\/\/\S+)/.exec(out)![1]!;

      const exported = Object.fromEntries(
        readFileSync(envFile, 'utf8')
          .split('\n')
          .filter((line) =>
            /^(NODE_ENV|CACHE|REDIS_URL|REDIS_KEY_PREFIX|STORE|MONGO_URL|SIGNET_MASTER_KEY|SESSION_SECRET)=/.test(line),
          )
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      const { stdout } = await promisify(execFile)('bash', ['-euc', second], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...exported },
      });
      expect(stdout).toContain('ADD: GET /api/hello/');
      const apiKey = /API key: (\S+)/.exec(stdout)?.[1];
      const secretKey = /SEC key: (\S+)/.exec(stdout)?.[1];
      expect(apiKey).toBeDefined();

      const { stdout: signed } = await promisify(execFile)(
        'npm',
        ['run', '--silent', 'signet', '--', 'sign', `${baseUrl}/api/hello/`, '--key', apiKey!, '--secret', secretKey!],
        { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
      );
      const response = await fetch(signed.trim());
      expect(await response.json()).toEqual({ hello: 'world', user: null });
    } finally {
      if (envFile) rmSync(envFile, { force: true });
      stopServer('SIGTERM');
      await mongo.stop();
      await redis.stop();
    }
    // The first terminal compiles Signet (npm run build) before it starts it.
  }, 150_000);
});
