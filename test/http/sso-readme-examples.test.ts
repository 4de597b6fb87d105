import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { csrfTokenOf, logInToProvider, loginUrl, redeem, requestToken, tokensFrom } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** The first fenced block of `language` in docs/sso.md. */
async function readmeBlock(language: string): Promise<string> {
  const section = await readFile(new URL('../../docs/sso.md', import.meta.url), 'utf8');
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section);
  if (!match) throw new Error(`no ${language} block in docs/sso.md`);
  return match[1]!;
}

describe('the custom login page and serializer of docs/sso.md', () => {
  let dir: string;
  let service: TestService;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signet-readme-'));
    await mkdir(join(dir, 'sso'));
    await writeFile(join(dir, 'sso', 'login.njk'), await readmeBlock('njk'));
    await writeFile(join(dir, 'serializer.mjs'), await readmeBlock('js'));
    service = await startTestService({
      config: testConfig({ SSO_TEMPLATES_DIR: dir, SSO_USER_SERIALIZER: join(dir, 'serializer.mjs') }),
    });
  });
  afterAll(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('logs a fresh browser in through the example page, and sends what the example serializer makes', async () => {
    const token = await requestToken(service.baseUrl);
    const jar = new CookieJar();
    const page = await (await jar.fetch(loginUrl(service.baseUrl, token))).text();
    expect(page).toContain('<h1>Sign in to localhost:8000</h1>');
    const done = await jar.post(loginUrl(service.baseUrl, token), {
      _csrf: csrfTokenOf(page),
      username: 'user1',
      password: '123',
    });
    const { authToken } = tokensFrom(done);
    expect(await (await redeem(service.baseUrl, token, authToken)).json()).toEqual({
      user: { id: 2, username: 'user1', email: 'user1@example.com', name: 'Una One', staff: false, mfa: false },
    });
  });

  it('continues as the logged-in user through the example page', async () => {
    const jar = new CookieJar();
    await logInToProvider(jar, service.baseUrl, 'admin', '123');
    const token = await requestToken(service.baseUrl);
    const page = await (await jar.fetch(loginUrl(service.baseUrl, token))).text();
    expect(page).toContain('Continue as admin');
    const done = await jar.post(loginUrl(service.baseUrl, token), {
      _csrf: csrfTokenOf(page),
      action: 'continue',
      user: 'admin',
    });
    expect(tokensFrom(done).requestToken).toBe(token);
  });
});
