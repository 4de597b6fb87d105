import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { SignetClient } from '../../src/client/signet-client.js';
import type { Logger } from '../../src/domain/shared/logger.port.js';
import { loggedIn, postForm, shownSecret, submitOn } from '../support/admin-flow.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { FixedClock } from '../support/fixed-clock.js';
import { csrfTokenOf } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { startWithAdminSession } from '../support/admin-session.js';

/** Every line logged, so that a test can look for a secret in them. */
class CapturingLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  }
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.info(message, fields);
  }
  error(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.info(message, fields);
  }
}

describe('the admin site', () => {
  let service: TestService;
  let clock: FixedClock;
  let logger: CapturingLogger;
  let jar: CookieJar;
  const secrets: string[] = [];

  beforeAll(async () => {
    clock = new FixedClock();
    logger = new CapturingLogger();
    ({ service, jar } = await startWithAdminSession({
      clock,
      config: testConfig({ API_AUTH_ADMIN_USER_FILTER: '{"is_staff": false}' }),
      overrides: { logger: asValue(logger) },
    }));
  });
  afterAll(async () => {
    await service.close();
    const logged = logger.lines.join('\n');
    for (const secret of secrets) expect(logged).not.toContain(secret);
  });

  const page = async (path: string) => {
    const response = await jar.fetch(`${service.baseUrl}${path}`);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  };
  const client = (apiKey: string, secretKey: string) =>
    new SignetClient({ baseUrl: service.baseUrl, apiKey, secretKey, protocol: 'v1', now: () => clock.now() });

  describe('keys', () => {
    let apiKey: string;
    let secretKey: string;

    it('creates a key and shows its SEC key once, on the page after, never in a URL', async () => {
      const created = await submitOn(jar, service.baseUrl, '/admin/keys/new', '/admin/keys/', {
        note: 'reporting job',
        username: 'user1',
        entryPoints: ['GET /api/hello/'],
        rateLimitPerMinute: '60',
        expiresAt: '2027-01-31',
      });
      expect(created.status).toBe(303);
      const location = created.headers.get('location')!;
      apiKey = /^\/admin\/keys\/([0-9a-f]{16})$/.exec(location)![1]!;
      const shown = await page(location);
      secretKey = shownSecret(shown.html)!;
      secrets.push(secretKey);
      expect(secretKey).toMatch(/^[0-9a-f]{64}$/);
      expect(location).not.toContain(secretKey);
      expect(await (await client(apiKey, secretKey).get('/api/hello/')).json()).toEqual({ hello: 'world', user: 'user1' });
    });

    it('does not show the SEC key again when the page is loaded again', async () => {
      const again = await page(`/admin/keys/${apiKey}`);
      expect(again.status).toBe(200);
      expect(shownSecret(again.html)).toBeNull();
      expect(again.html).not.toContain(secretKey);
      expect(again.html).toContain('name="rateLimitPerMinute" value="60"');
      expect(again.html).toContain('2027-01-31 00:00:00 UTC');
    });

    it('shows each SEC key on its own page when two keys are made at once, as from two tabs', async () => {
      const make = (note: string) => submitOn(jar, service.baseUrl, '/admin/keys/new', '/admin/keys/', { note });
      const [first, second] = [await make('tab one'), await make('tab two')];
      const secondPage = await page(second.headers.get('location')!);
      const firstPage = await page(first.headers.get('location')!);
      const [one, two] = [shownSecret(firstPage.html), shownSecret(secondPage.html)];
      expect(one).toMatch(/^[0-9a-f]{64}$/);
      expect(two).toMatch(/^[0-9a-f]{64}$/);
      expect(one).not.toBe(two);
      secrets.push(one!, two!);
    });

    it('lists the key with its user, entry points, last use and where from; filtered by entry point', async () => {
      const listed = await page(`/admin/keys/?entryPoint=${encodeURIComponent('GET /api/hello/')}`);
      expect(listed.html).toContain(apiKey);
      expect(listed.html).toContain('from 127.0.0.1');
      const other = await page(`/admin/keys/?entryPoint=${encodeURIComponent('POST /api/goodbye/')}`);
      expect(other.html).not.toContain(apiKey);
      expect(other.html).toContain(DEMO_API_KEY.apiKey);
    });

    it('offers for binding only the users API_AUTH_ADMIN_USER_FILTER lets through, and refuses the others', async () => {
      const form = await page('/admin/keys/new');
      expect(form.html).toContain('<option value="user1">');
      expect(form.html).not.toContain('<option value="admin">');
      const refused = await submitOn(jar, service.baseUrl, '/admin/keys/new', '/admin/keys/', {
        username: 'admin',
        note: 'sneaky',
      });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('user &quot;admin&quot; cannot be bound to API keys (API_AUTH_ADMIN_USER_FILTER)');
    });

    it('shows the form again with its values and the reason when a field is wrong', async () => {
      const refused = await submitOn(jar, service.baseUrl, '/admin/keys/new', '/admin/keys/', {
        note: 'kept note',
        rateLimitPerMinute: 'lots',
        entryPoints: ['GET /api/goodbye/'],
      });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain('rateLimitPerMinute: is a whole number of requests a minute from 1 to 1000000');
      expect(html).toContain('value="kept note"');
      expect(html).toMatch(/value="GET \/api\/goodbye\/" checked/);
    });

    it('edits the entry points and keeps the expiry it did not touch', async () => {
      const saved = await submitOn(jar, service.baseUrl, `/admin/keys/${apiKey}`, `/admin/keys/${apiKey}`, {
        note: 'reporting job',
        username: 'user1',
        entryPoints: ['GET /api/hello/', 'POST /api/goodbye/'],
        rateLimitPerMinute: '60',
        expiresAt: '2027-01-31',
        originalExpiry: '2027-01-31',
      });
      expect(saved.status).toBe(303);
      expect((await page(saved.headers.get('location')!)).html).toContain('The key was saved.');
      expect((await client(apiKey, secretKey).post('/api/goodbye/', 'bye')).status).toBe(200);
    });

    it('rotates the SEC key with the grace chosen: the new one shown once, the old one working until then', async () => {
      const rotated = await submitOn(jar, service.baseUrl, `/admin/keys/${apiKey}`, `/admin/keys/${apiKey}/rotate`, {
        graceSeconds: '300',
      });
      expect(rotated.status).toBe(303);
      const shown = await page(rotated.headers.get('location')!);
      const fresh = shownSecret(shown.html)!;
      secrets.push(fresh);
      expect(fresh).not.toBe(secretKey);
      expect(shown.html).toContain('The previous SEC key works until 2026-11-28 12:05:00 UTC');
      expect(shownSecret((await page(`/admin/keys/${apiKey}`)).html)).toBeNull();
      expect((await client(apiKey, secretKey).get('/api/hello/')).status).toBe(200);
      expect((await client(apiKey, fresh).get('/api/hello/')).status).toBe(200);
      secretKey = fresh;
    });

    it('disables, enables and revokes the key, each taking effect at once', async () => {
      const act = (action: string) =>
        submitOn(jar, service.baseUrl, `/admin/keys/${apiKey}`, `/admin/keys/${apiKey}/${action}`, {});
      expect((await act('disable')).status).toBe(303);
      expect(await (await client(apiKey, secretKey).get('/api/hello/')).json()).toEqual({ error: 'API key disabled' });
      expect((await act('enable')).status).toBe(303);
      expect((await client(apiKey, secretKey).get('/api/hello/')).status).toBe(200);
      expect((await act('revoke')).status).toBe(303);
      expect((await client(apiKey, secretKey).get('/api/hello/')).status).toBe(403);
      expect((await page(`/admin/keys/${apiKey}`)).html).toContain('A revoked key cannot be changed.');
    });

    it('shows a 404 page for a key that does not exist', async () => {
      const missing = await page('/admin/keys/ffffffffffffffff');
      expect(missing.status).toBe(404);
      expect(missing.html).toContain('no API key ffffffffffffffff');
    });

    it('records the changes in the audit log, with no secret', async () => {
      const audit = await page(`/admin/audit/?target=${apiKey}`);
      for (const action of ['key.create', 'key.update', 'key.rotate', 'key.disable', 'key.enable', 'key.revoke']) {
        expect(audit.html).toContain(action);
      }
      for (const secret of secrets) expect(audit.html).not.toContain(secret);
    });
  });

  describe('entry points, SSO hosts and users', () => {
    it('reloads the entry points and shows what it did', async () => {
      const reloaded = await submitOn(jar, service.baseUrl, '/admin/entry-points/', '/admin/entry-points/reload', {});
      expect(reloaded.status).toBe(200);
      expect(await reloaded.text()).toContain('UPDATE/KEEP: GET /api/hello/');
    });

    it('adds an SSO host, shows its pair once, and removes it', async () => {
      const added = await submitOn(jar, service.baseUrl, '/admin/sso-hosts/', '/admin/sso-hosts/', {
        host: 'wiki.example.com',
        note: 'wiki',
      });
      expect(added.status).toBe(303);
      const shown = await page('/admin/sso-hosts/');
      const pair = shownSecret(shown.html)!;
      secrets.push(pair);
      expect(shown.html).toContain('Key pair for wiki.example.com');
      expect(shownSecret((await page('/admin/sso-hosts/')).html)).toBeNull();
      const taken = await submitOn(jar, service.baseUrl, '/admin/sso-hosts/', '/admin/sso-hosts/', { host: 'wiki.example.com' });
      expect(taken.status).toBe(409);
      expect(await taken.text()).toContain('host wiki.example.com already has an SSO key');
      const removed = await submitOn(jar, service.baseUrl, '/admin/sso-hosts/', '/admin/sso-hosts/wiki.example.com/remove', {});
      expect(removed.headers.get('location')).toBe('/admin/sso-hosts/?removed=wiki.example.com');
    });

    it('creates a user who can then log in, and sets the password and flags', async () => {
      const created = await submitOn(jar, service.baseUrl, '/admin/users/', '/admin/users/', {
        username: 'carol',
        password: 'correct horse',
        email: 'carol@example.com',
        isActive: 'on',
      });
      expect(created.status).toBe(303);
      secrets.push('correct horse', 'battery staple');
      await loggedIn(service.baseUrl, 'carol', 'correct horse');
      const changed = await submitOn(jar, service.baseUrl, '/admin/users/carol', '/admin/users/carol/password', {
        password: 'battery staple',
      });
      expect(changed.status).toBe(303);
      await loggedIn(service.baseUrl, 'carol', 'battery staple');
      const deactivated = await submitOn(jar, service.baseUrl, '/admin/users/carol', '/admin/users/carol/flags', {});
      expect(deactivated.status).toBe(303);
      await expect(loggedIn(service.baseUrl, 'carol', 'battery staple')).rejects.toThrow();
    });

    it('does not let a staff user take away their own staff flag', async () => {
      const refused = await submitOn(jar, service.baseUrl, '/admin/users/admin', '/admin/users/admin/flags', { isActive: 'on' });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain('you cannot take away your own staff flag');
    });
  });

  describe('try a request', () => {
    it('shows what the server signs, the signature and the request as code, and never the SEC key', async () => {
      const response = await submitOn(jar, service.baseUrl, '/admin/try/', '/admin/try/', {
        apiKey: DEMO_API_KEY.apiKey,
        protocol: 'v2',
        method: 'post',
        url: `${service.baseUrl}/api/goodbye/?b=2&a=1`,
        contentType: 'application/json',
        body: '{"message":"it\'s me"}',
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toContain(DEMO_API_KEY.secretKey);
      expect(html).toContain('POST\n/api/goodbye/\na=1&amp;b=2\ncontent-type:application/json');
      expect(html).toContain('SIGNET-HMAC-SHA256\n20261128T120000Z\n');
      expect(html).toContain('os.environ[&quot;SIGNET_SEC_KEY&quot;]');
      expect(html).toContain('process.env.SIGNET_SEC_KEY');
      expect(html).toContain(`--data-raw &#39;{&quot;message&quot;:&quot;it&#39;&#92;&#39;&#39;s me&quot;}&#39;`);

      const headers = Object.fromEntries(
        [...html.matchAll(/-H &#39;([\w-]+): ([^&]+(?:&[^#][^&]*)*)&#39;/g)].map((match) => [match[1]!, unescapeHtml(match[2]!)]),
      );
      const sent = await fetch(`${service.baseUrl}/api/goodbye/?b=2&a=1`, {
        method: 'POST',
        headers,
        body: '{"message":"it\'s me"}',
      });
      expect(await sent.json()).toEqual({ goodbye: '{"message":"it\'s me"}' });
    });

    it('signs v1 too, showing the string to sign', async () => {
      const response = await submitOn(jar, service.baseUrl, '/admin/try/', '/admin/try/', {
        apiKey: DEMO_API_KEY.apiKey,
        protocol: 'v1',
        method: 'GET',
        url: `${service.baseUrl}/api/hello/`,
        contentType: '',
        body: '',
      });
      const html = await response.text();
      expect(html).toContain(`/api/hello/?timestamp=${clock.now() / 1000}&amp;apikey=${DEMO_API_KEY.apiKey}`);
      expect(html).not.toContain(DEMO_API_KEY.secretKey);
    });

    it('says what is wrong with the request to sign', async () => {
      const response = await submitOn(jar, service.baseUrl, '/admin/try/', '/admin/try/', {
        apiKey: DEMO_API_KEY.apiKey,
        protocol: 'v2',
        method: 'GET',
        url: '/api/hello/',
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('url: is an absolute http(s) URL: its host is signed');
    });

    it('records each try in the audit log', async () => {
      expect((await page('/admin/audit/?action=request.sign')).html).toContain(DEMO_API_KEY.apiKey);
    });
  });

  it('links to the OpenAPI document', async () => {
    expect((await page('/admin/')).html).toContain('href="/openapi.json"');
  });

  it('shows the refused requests per key and reason', async () => {
    const wrong = client(DEMO_API_KEY.apiKey, 'not-it');
    await wrong.get('/api/hello/');
    await wrong.get('/api/hello/');
    const html = (await page(`/admin/audit/failures?apiKey=${DEMO_API_KEY.apiKey}`)).html;
    expect(html).toMatch(/<td><code>483a570a<\/code><\/td><td>signature error<\/td><td>2<\/td>/);
  });

  it('keeps a CSRF token working across the pages of one session', async () => {
    const token = csrfTokenOf((await page('/admin/users/')).html);
    const response = await postForm(jar, `${service.baseUrl}/admin/entry-points/reload`, { _csrf: token });
    expect(response.status).toBe(200);
  });
});

describe('the code "Try a request" shows', () => {
  let service: TestService;
  let jar: CookieJar;

  // The snippets sign with the real time: this service runs on the system clock.
  beforeAll(async () => {
    service = await startTestService();
    jar = await loggedIn(service.baseUrl);
  });
  afterAll(() => service.close());

  it('shows Python and TypeScript that run as shown, with the SEC key from the environment', { timeout: 60_000 }, async () => {
    const response = await submitOn(jar, service.baseUrl, '/admin/try/', '/admin/try/', {
      apiKey: DEMO_API_KEY.apiKey,
      protocol: 'v2',
      method: 'POST',
      url: `${service.baseUrl}/api/goodbye/?lang=en`,
      contentType: 'text/plain',
      body: 'so long',
    });
    const html = await response.text();
    const python = unescapeHtml(/<pre id="python">([\s\S]*?)<\/pre>/.exec(html)![1]!);
    const typescript = unescapeHtml(/<pre id="typescript">([\s\S]*?)<\/pre>/.exec(html)![1]!);
    const env = { ...process.env, SIGNET_SEC_KEY: DEMO_API_KEY.secretKey };

    const dir = await mkdtemp(join(tmpdir(), 'signet-try-'));
    try {
      const page = await readFile(new URL('../../docs/signing.md', import.meta.url), 'utf8');
      const client = /```python example=v2\.python\n([\s\S]*?)\n```/.exec(page)![1]!;
      await writeFile(join(dir, 'signet_v2.py'), client);
      await writeFile(join(dir, 'try.py'), python);
      const ran = await run('python3', ['try.py'], { cwd: dir, env });
      expect(ran.stdout.trim()).toBe('200 {"goodbye":"so long"}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const root = new URL('../../', import.meta.url).pathname;
    const ranTs = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', typescript], { cwd: root, env });
    expect(ranTs.stdout.trim()).toBe('200 {"goodbye":"so long"}');
  });
});

const run = promisify(execFile);

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
