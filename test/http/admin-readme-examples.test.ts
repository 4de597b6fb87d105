import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/test-service.js';

const root = new URL('../../', import.meta.url).pathname;

/** The first fenced block of `language` in the section of docs/admin-api.md starting at `heading`. */
async function readmeBlock(heading: string, language: string): Promise<string> {
  const readme = await readFile(new URL('../../docs/admin-api.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section);
  if (!match) throw new Error(`no ${language} block in docs/admin-api.md after "${heading}"`);
  return match[1]!;
}

describe('the examples of the command line on a running Signet, in docs/admin-api.md', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('run as pasted against a running Signet on memory adapters', { timeout: 60_000 }, async () => {
    const block = await readmeBlock('## The command line on a running Signet', 'sh');
    const script = ['set -eo pipefail', block.replaceAll('http://localhost:3000', service.baseUrl)].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    expect(stdout).toContain('{"hello":"world","user":null}');
    expect(stdout).toMatch(/^note: +from the docs$/m);
    expect(stdout).toMatch(/key\.create/);
    expect(stdout).not.toMatch(/SEC key: /);
  });
});
