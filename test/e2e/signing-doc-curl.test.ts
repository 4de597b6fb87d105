import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const root = new URL('../../', import.meta.url).pathname;
const page = readFileSync(`${root}docs/signing.md`, 'utf8');

/** The sh blocks of each `### curl` section of docs/signing.md: v1's, then v2's. */
function curlSections(): string[][] {
  return [...page.matchAll(/^### curl\n([\s\S]*?)(?=^##)/gm)].map((section) =>
    [...(section[1] ?? '').matchAll(/^```sh\n([\s\S]*?)\n```$/gm)].map((block) => block[1] ?? ''),
  );
}

describe('the curl examples of docs/signing.md, run as pasted', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ config: { ...testConfig(), demo: true } });
  });
  afterAll(() => service.close());

  const bash = async (block: string): Promise<string> => {
    // The one change: the server is this test's.
    const script = ['set -euo pipefail', block.replaceAll('localhost:3000', new URL(service.baseUrl).host)].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0' },
    });
    return stdout;
  };

  it('finds a curl section for each protocol', () => {
    expect(curlSections().map((blocks) => blocks.length)).toEqual([2, 3]);
  });

  it('v1: the command line and the openssl recipe are answered as signed', { timeout: 60_000 }, async () => {
    const [withCli, withOpenssl] = curlSections()[0] ?? [];
    expect(await bash(withCli ?? '')).toBe('{"hello":"world","user":null}{"goodbye":"see you"}');
    expect(await bash(withOpenssl ?? '')).toBe('{"goodbye":"{\\"message\\":\\"see you\\"}"}');
  });

  it('v2: the headers, the whole curl command and the openssl recipe are answered as signed', { timeout: 60_000 }, async () => {
    const [headers, wholeCommand, withOpenssl] = curlSections()[1] ?? [];
    expect(await bash(headers ?? '')).toBe('{"goodbye":"see you"}');
    expect(await bash(wholeCommand ?? '')).toBe('{"goodbye":"see you"}');
    expect(await bash(withOpenssl ?? '')).toBe('{"hello":"world","user":null}');
  });
});
