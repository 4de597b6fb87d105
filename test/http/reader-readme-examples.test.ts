import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, readerPath, readJson } from '../support/reader-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** The fenced blocks of `language` in docs/reader.md, in order. */
async function readmeBlocks(language: string): Promise<string[]> {
  const section = await readFile(new URL('../../docs/reader.md', import.meta.url), 'utf8');
  return [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!);
}

describe('the examples of docs/reader.md', () => {
  let dir: string;
  let service: TestService;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signet-reader-readme-'));
    await mkdir(join(dir, 'reader'));
    await mkdir(join(dir, 'assets'));
    const [policy] = await readmeBlocks('json');
    const [check, transforms] = await readmeBlocks('js');
    const [page] = await readmeBlocks('njk');
    await writeFile(join(dir, 'reader-policy.json'), policy!);
    await writeFile(join(dir, 'reader-check.mjs'), check!);
    await writeFile(join(dir, 'assets', 'acme-reader.js'), transforms!);
    await writeFile(join(dir, 'reader', 'index.njk'), page!);
    service = await startTestService({
      config: testConfig({
        READER_POLICY: join(dir, 'reader-policy.json'),
        READER_POLICY_MODULE: join(dir, 'reader-check.mjs'),
        SSO_TEMPLATES_DIR: dir,
      }),
    });
  });
  afterAll(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the shell example answers as its comments say, on the demo', async () => {
    const demo = await startTestService();
    try {
      const [script] = await readmeBlocks('sh');
      const { stdout } = await promisify(execFile)('bash', ['-c', script!.replaceAll('http://localhost:3000', demo.baseUrl)]);
      const expected = script!
        .split('\n')
        .filter((line) => line.startsWith('# {'))
        .map((line) => line.slice(2));
      const withoutSpan = (line: string) => line.replace(/"span":[\d.e-]+/, '"span":0');
      expect(stdout.trim().split('\n').map(withoutSpan)).toEqual(expected);
    } finally {
      await demo.close();
    }
  });

  it('the policy file decides as docs/reader.md says: staff read db1 without password hashes, user2 counts, no one reads payroll', async () => {
    const admin = await loggedIn(service, 'admin', '123');
    const user1 = await loggedIn(service, 'user1', '123');
    const user2 = await loggedIn(service, 'user2', '456');
    expect((await readJson(admin, service, readerPath('_find', { limit: '1' }))).status).toBe(200);
    expect((await readJson(admin, service, readerPath('_find', { criteria: '{"passwordHash": "x"}' }))).body).toEqual({
      ok: 0,
      error: 'permission disallowed: passwordHash is or holds a hidden field',
    });
    expect((await readJson(admin, service, readerPath('_count', {}, 'db1', 'payroll'))).status).toBe(403);
    expect((await readJson(user1, service, readerPath('_find'))).status).toBe(403);
    expect((await readJson(user2, service, readerPath('_count'))).body).toMatchObject({ ok: 1, count: 100 });
    expect((await readJson(user2, service, readerPath('_explain', { command: 'count' }))).body).toMatchObject({
      explanation: { rule: 3, description: 'user2 may count the user collections' },
    });
  });

  it('the module refuses what it says it refuses, with its reason', async () => {
    const admin = await loggedIn(service, 'admin', '123');
    expect((await readJson(admin, service, readerPath('_find', { criteria: '{"name": {"$regex": "^A"}}' }))).body).toEqual({
      ok: 0,
      error: 'permission disallowed: no regular expressions, please',
    });
    expect((await readJson(admin, service, readerPath('_count', { criteria: '{"gender": 1}' }))).status).toBe(200);
  });

  it('the page template renders the table include, and its script is served', async () => {
    const admin = await loggedIn(service, 'admin', '123');
    const html = await (await admin.fetch(`${service.baseUrl}/mongo/`)).text();
    expect(html).toContain('<h1>Our users</h1>');
    expect(html).toContain('data-db="db1" data-col="user_collection1" data-rowcount="20"');
    expect(html).toContain('data-sort="{&quot;lastlogin&quot;: -1}" data-criteria="{&quot;disable&quot;: false}"');
    expect(html).toContain('<th scope="col" data-field="lastlogin">Last login</th>');
    expect((await fetch(`${service.baseUrl}/assets/acme-reader.js`)).status).toBe(200);
  });
});
