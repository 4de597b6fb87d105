import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { CONDITION_CEILING_MS } from '../support/signet-process.js';
import { logInToProvider } from '../support/sso-flow.js';

const root = new URL('../../', import.meta.url).pathname;

describe('the reader’s demo as npm start serves it', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  it('works on the defaults (memory store, memory source), with no MongoDB anywhere', async () => {
    // MONGO_URL names a port nothing listens on: were the reader to need MongoDB, this would fail.
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        PASSWORD_HASH_LOG_N: '10',
        MONGO_URL: 'mongodb://127.0.0.1:9/none',
      },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const deadline = Date.now() + CONDITION_CEILING_MS;
    while (!/listening on (http:\/\/\S+)/.test(stdout)) {
      if (Date.now() > deadline) throw new Error(`no banner: ${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const baseUrl = /listening on (http:\/\/\S+)/.exec(stdout)![1]!;
    expect(stdout).toContain(`Mongo reader:  ${baseUrl}/mongo/  (source: memory)`);
    expect(stdout).toContain('demo reader:   db1.user_collection1 (100 documents)');

    const jar = new CookieJar();
    expect((await logInToProvider(jar, baseUrl, 'user1', '123')).status).toBe(303);
    const counted = await jar.fetch(`${baseUrl}/mongo/db1/user_collection1/_count?criteria=${encodeURIComponent('{}')}`);
    expect(await counted.json()).toMatchObject({ ok: 1, count: 100 });
    const found = (await (
      await jar.fetch(`${baseUrl}/mongo/db1/user_collection1/_find?limit=3&sort=${encodeURIComponent('{"name":1}')}`)
    ).json()) as {
      results: { name: string }[];
    };
    expect(found.results.map((document) => document.name)).toEqual(['Ada Dijkstra', 'Ada Lamport', 'Ada Naur']);
    expect((await jar.fetch(`${baseUrl}/mongo/`)).status).toBe(200);
  });
});
