import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../src/adapters/http/admin/admin-api.table.js';
import { startTestService, type TestService } from '../support/test-service.js';

const root = new URL('../../', import.meta.url).pathname;
const page = readFileSync(new URL('../../docs/admin-api.md', import.meta.url), 'utf8');
/** The shell blocks of the walkthrough: from "Trying the examples" on, which run in order as one script. */
const shellBlocks = [...page.slice(page.indexOf('## Trying the examples')).matchAll(/^```sh\n([\s\S]*?)\n```$/gm)].map(
  (match) => match[1]!,
);

describe('docs/admin-api.md', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('lists every endpoint of the admin API', () => {
    const listed = [...page.matchAll(/^### `(GET|POST|PATCH|DELETE) ([^`]+)`/gm)].map((match) => `${match[1]} ${match[2]}`);
    expect(listed.sort()).toEqual(
      Object.values(adminApiRoutes)
        .map((route) => `${route.method} ${route.path}`)
        .sort(),
    );
  });

  it('gives an example for each endpoint, sent by the curl command sign --v2 --curl prints', () => {
    const curls = shellBlocks.filter((block) => block.includes('--curl '));
    expect(curls).toHaveLength(Object.keys(adminApiRoutes).length);
    for (const block of curls) expect(block).toContain('eval "$(npm run --silent signet -- sign --v2 --curl ');
  });

  it('runs as pasted, in order, every request answered without an error', { timeout: 180_000 }, async () => {
    // The one change: the examples' server is this test's.
    const script = ['set -eo pipefail', ...shellBlocks].join('\n').replaceAll('http://localhost:3000', service.baseUrl);
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent' },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).not.toContain('"error"');
    for (const expected of [
      '{"items":[{"apiKey":"483a570a"',
      '"total":1,"next":null}',
      '"host":"localhost:8000"',
      '{"items":[{"username":"admin"',
      '"total":3,"next":"user1"}',
      '"note":"reporting job"',
      '"note":"nightly reports"',
      '{"added":true}',
      '"state":"disabled"',
      '"previousExpiresAt":',
      '"state":"revoked"',
      '{"action":"UPDATE/KEEP","name":"GET /api/hello/"}',
      '"host":"wiki.example.com","revoked":[',
      '"username":"carol","email":"carol@example.com"',
      '"isStaff":true',
      '{"username":"carol","factorsRemoved":0,"passkeysRemoved":0}',
      '"entries":[',
      '"text":"allow count on db1.user_* for username user2"',
      '"username":"user2","asNobody":false,"database":"db1","collection":"user_collection1","command":"find","criteria":"{\\"disable\\":true}","allowed":false',
      '"rules":"no rule matches: refused"',
      '"clientId":"grafana","name":"Grafana"',
      '"confidential":true',
      '"clientSecret":"',
      '"firstParty":true',
      '"disabled":true',
      '{"clientId":"grafana","removed":true}',
      '"state":"signing"',
      '"state":"pending"',
      '{"items":[{"app":"localhost:8000","ssoKeys":["5f0c2a7e"],"oidcClients":[{"clientId":"demo-oidc"',
      '"days":[{"day":"',
      '"djSsoUsers":{"total":0,"items":[]}',
    ]) {
      expect(stdout).toContain(expected);
    }
  });
});
