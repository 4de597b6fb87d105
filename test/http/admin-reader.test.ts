import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerPolicyView } from '../../src/application/admin/admin-outputs.js';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { adminCall, adminClient, adminSiteRoutes, loggedIn, postForm, submitOn } from '../support/admin-flow.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { csrfTokenOf } from '../support/sso-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';
import { startWithAdminSession } from '../support/admin-session.js';

const DEMO_QUERY = { database: 'db1', collection: 'user_collection1' };
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', quot: '"', '#39': "'", '#92': '\\', amp: '&' };

/** The text of the element with `id`, tags taken out, characters unescaped and spaces folded, as a reader sees it. */
function textOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no #${id} on the page`);
  const open = html.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1]!;
  const end = html.indexOf(`</${tag}>`, start);
  return html
    .slice(html.indexOf('>', start) + 1, end)
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|#92|amp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the admin page of the MongoDB reader, on the demo', () => {
  let service: TestService;
  let jar: CookieJar;

  beforeAll(async () => ({ service, jar } = await startWithAdminSession()));
  afterAll(() => service.close());

  const tryAs = (fields: Record<string, string | string[]>) =>
    submitOn(jar, service.baseUrl, '/admin/reader/', '/admin/reader/', {
      command: 'find',
      criteria: '',
      ...DEMO_QUERY,
      ...fields,
    });
  const answerOf = async (response: Response) => {
    const html = await response.text();
    return { status: response.status, html, answer: textOf(html, 'trial-answer'), rules: textOf(html, 'trial-rules') };
  };

  it('is among the routes of the admin site, which the access tests go through one by one', () => {
    const routes = adminSiteRoutes(service.runtime.routers, {});
    expect(routes).toContainEqual({ method: 'GET', path: '/admin/reader/' });
    expect(routes).toContainEqual({ method: 'POST', path: '/admin/reader/' });
  });

  it('sends a visitor who has not logged in to the login page, and refuses their try', async () => {
    const page = await fetch(`${service.baseUrl}/admin/reader/`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login/?next=%2Fadmin%2Freader%2F');
    const anonymous = await fetch(`${service.baseUrl}/admin/reader/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'user1', ...DEMO_QUERY }).toString(),
      redirect: 'manual',
    });
    expect(anonymous.status).toBe(403);
  });

  it('shows nothing to a user who is not staff, and lets them try nothing, even with a valid CSRF token', async () => {
    const user1 = await loggedIn(service.baseUrl, 'user1', '123');
    const page = await user1.fetch(`${service.baseUrl}/admin/reader/`);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('This page is for staff users only.');
    expect(html).not.toContain('user2 may count them');
    const _csrf = csrfTokenOf(await (await user1.fetch(`${service.baseUrl}/`)).text());
    const tried = await postForm(user1, `${service.baseUrl}/admin/reader/`, { _csrf, username: 'user1', ...DEMO_QUERY });
    expect(tried.status).toBe(403);
    expect(await tried.text()).not.toContain('trial-answer');
  });

  it('refuses a try without _csrf, or with a token from another browser', async () => {
    const without = await postForm(jar, `${service.baseUrl}/admin/reader/`, { username: 'user1', ...DEMO_QUERY });
    expect(without.status).toBe(403);
    expect(await without.text()).toContain('This form has expired or did not come from this site.');
    const other = await loggedIn(service.baseUrl);
    const foreign = csrfTokenOf(await (await other.fetch(`${service.baseUrl}/admin/reader/`)).text());
    const forged = await postForm(jar, `${service.baseUrl}/admin/reader/`, { _csrf: foreign, username: 'user1', ...DEMO_QUERY });
    expect(forged.status).toBe(403);
  });

  it('shows the demo policy: where it comes from, each rule in order, no module, the limits', async () => {
    const html = await (await jar.fetch(`${service.baseUrl}/admin/reader/`)).text();
    expect(textOf(html, 'policy-source')).toContain("Rules the demo's policy: READER_POLICY is not set, and the demo runs");
    expect(textOf(html, 'policy-module')).toBe('none: the rules decide alone');
    expect(textOf(html, 'policy-source')).toContain('50 documents a find by default, 1000 at most');
    expect(textOf(html, 'rule-0')).toBe(
      '0 allow find, count, status, export db1 user_* username user1 user1 reads the user collections',
    );
    expect(textOf(html, 'rule-1')).toBe('1 allow find, count, status, export db1 user_* staff staff read the user collections');
    expect(textOf(html, 'rule-2')).toBe('2 allow count db1 user_* username user2 user2 may count them, not read them');
    expect(html).not.toContain('id="rule-3"');
    expect(html).toContain('<a href="/admin/reader/" aria-current="page">MongoDB reader</a>');
  });

  it('says user1 may find in db1.user_collection1, by rule 0, which the policy marks', async () => {
    const { status, html, answer, rules } = await answerOf(await tryAs({ username: 'user1', criteria: '{"disable": true}' }));
    expect(status).toBe(200);
    expect(textOf(html, 'trial-title')).toBe('Allowed');
    expect(answer).toBe('The reader runs the query.');
    expect(rules).toBe(
      'rule 0 allows it rule 0 “user1 reads the user collections”: allow every command on db1.user_* for username user1',
    );
    expect(html).toContain('<tr id="rule-0" class="decides">');
    expect(html).toContain('<code>{&quot;disable&quot;:true}</code>');
    expect(html).toContain('id="r-user" name="username" value="user1"');
  });

  it('says user2 may count but not find', async () => {
    const count = await answerOf(await tryAs({ username: 'user2', command: 'count' }));
    expect(count.answer).toBe('The reader runs the query.');
    expect(count.rules).toMatch(/^rule 2 allows it rule 2 “user2 may count them, not read them”/);
    expect(count.html).toContain('<tr id="rule-2" class="decides">');
    const find = await answerOf(await tryAs({ username: 'user2' }));
    expect(textOf(find.html, 'trial-title')).toBe('Refused');
    expect(find.answer).toBe('The reader answers permission disallowed, refused by the rules.');
    expect(find.rules).toBe('no rule matches: refused');
    expect(find.html).not.toContain('class="decides"');
  });

  it('refuses $where as the reader does, before any rule', async () => {
    const { status, answer, html } = await answerOf(await tryAs({ username: 'user1', criteria: '{"$where": "sleep(100)"}' }));
    expect(status).toBe(200);
    expect(answer).toBe(
      'The reader answers operator not allowed: $where, refused by the request itself (its names or its criteria), before any rule.',
    );
    expect(html).toContain('{&quot;$where&quot;: &quot;sleep(100)&quot;}</textarea>');
  });

  it('refuses a collection outside the policy, and a database MongoDB would not take', async () => {
    const outside = await answerOf(await tryAs({ username: 'user1', collection: 'orders' }));
    expect(outside.answer).toBe('The reader answers permission disallowed, refused by the rules.');
    expect(outside.rules).toBe('no rule matches: refused');
    const badName = await answerOf(await tryAs({ username: 'user1', database: 'd.b' }));
    expect(badName.answer).toMatch(/^The reader answers bad database name: "d\.b" \(1 to 63 bytes, none of \/ \\ \. space/);
    expect(badName.rules).toBe('not read: the request was refused first');
  });

  it('tries the names as typed, spaces and all, and answers what the reader answers for them', async () => {
    const reader = async (database: string, collection: string) => {
      const url = `${service.baseUrl}/mongo/${encodeURIComponent(database)}/${encodeURIComponent(collection)}/_count`;
      const response = await jar.fetch(url);
      const body = (await response.json()) as { error?: string };
      return body.error ?? 'allowed';
    };
    const refused = new Set<boolean>();
    for (const [database, collection] of [
      ['db1 ', 'user_collection1'],
      [' db1', 'user_collection1'],
      ['db1\t', 'user_collection1'],
      ['\u00a0db1', 'user_collection1'],
      ['db1', ' user_collection1'],
      ['db1', 'user_collection1\n'],
    ] as const) {
      const { answer } = await answerOf(await tryAs({ username: 'admin', command: 'count', database, collection }));
      const ran = await reader(database, collection);
      const shown = JSON.stringify([database, collection]);
      if (ran === 'allowed') expect(answer, shown).toBe('The reader runs the query.');
      else expect(answer, shown).toContain(`The reader answers ${ran},`);
      refused.add(ran !== 'allowed');
    }
    // The padded databases at least are refused, by their names, as the reader refuses them.
    expect([...refused]).toContain(true);
  });

  it('tries as an API key bound to no user', async () => {
    const { answer, html } = await answerOf(await tryAs({ username: '' }));
    expect(answer).toBe('The reader answers permission disallowed, refused by the rules.');
    expect(html).toContain('id="r-user" name="username" value=""');
    expect(html).toContain('placeholder="none: an API key bound to no user"');
  });

  it('shows the form again with the reason when the form itself is wrong', async () => {
    const ghost = await tryAs({ username: 'ghost' });
    expect(ghost.status).toBe(404);
    const ghostHtml = await ghost.text();
    expect(ghostHtml).toContain('no user named &quot;ghost&quot;');
    expect(ghostHtml).not.toContain('id="trial"');
    const command = await tryAs({ username: 'user1', command: 'drop' });
    expect(command.status).toBe(400);
    expect(await command.text()).toContain('command: is one of find, count, status, export');
    const missing = await tryAs({ username: 'user1', database: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('database: is required');
  });

  it('refuses a form that gives a field twice, rather than trying one of the two', async () => {
    for (const [name, values] of [
      ['username', ['user2', 'admin']],
      ['criteria', ['{}', '{"$where": "1"}']],
      ['database', ['db1', 'd.b']],
    ] as const) {
      const response = await tryAs({ username: 'admin', [name]: [...values] });
      const html = await response.text();
      expect(response.status, name).toBe(400);
      expect(html, name).toContain(`<p class="error" role="alert">${name} is given more than once</p>`);
      expect(html, name).not.toContain('id="trial"');
    }
  });

  it('fills the form in from a link, without trying', async () => {
    const html = await (await jar.fetch(`${service.baseUrl}/admin/reader/?username=user2&database=db1&command=count`)).text();
    expect(html).toContain('id="r-user" name="username" value="user2"');
    expect(html).toMatch(/<option value="count" selected>/);
    expect(html).toContain('id="r-database" name="database" value="db1"');
    expect(html).not.toContain('id="trial"');
  });

  it('records no try in the audit log: it changes nothing and reads no document', async () => {
    const admin = adminClient(service.baseUrl);
    const before = (await adminCall(admin, 'GET', '/admin/api/audit?limit=500')).body.entries.length;
    await tryAs({ username: 'user1' });
    await adminCall(admin, 'GET', '/admin/api/reader/try?username=user1&database=db1&collection=user_collection1');
    expect((await adminCall(admin, 'GET', '/admin/api/audit?limit=500')).body.entries).toHaveLength(before);
  });

  describe('in the admin API', () => {
    it('gives the policy as the page shows it', async () => {
      const { status, body, headers } = await adminCall(adminClient(service.baseUrl), 'GET', '/admin/api/reader/policy');
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).toMatchObject({ origin: 'demo', file: null, module: null, limits: { defaultLimit: 50, maxLimit: 1000 } });
      expect(readerPolicyView.parse(body).rules.map((rule) => rule.text)).toEqual([
        'allow every command on db1.user_* for username user1',
        'allow every command on db1.user_* for staff',
        'allow count on db1.user_* for username user2',
      ]);
    });

    it('answers a try as the page does, the criteria in the query', async () => {
      const admin = adminClient(service.baseUrl);
      const tryQuery = (query: string) => adminCall(admin, 'GET', `/admin/api/reader/try?${query}`);
      expect((await tryQuery('username=user1&database=db1&collection=user_collection1')).body).toMatchObject({
        allowed: true,
        rule: { index: 0 },
      });
      expect((await tryQuery('username=user2&database=db1&collection=user_collection1&command=count')).body).toMatchObject({
        allowed: true,
        rule: { index: 2 },
      });
      expect((await tryQuery('username=user2&database=db1&collection=user_collection1')).body).toMatchObject({
        allowed: false,
        refusedBy: 'rules',
        rules: 'no rule matches: refused',
      });
      const where = new URLSearchParams({ username: 'user1', ...DEMO_QUERY, criteria: '{"$where": "1"}' });
      expect((await tryQuery(where.toString())).body).toMatchObject({
        allowed: false,
        answer: 'operator not allowed: $where',
        refusedBy: 'request',
      });
      expect(await tryQuery('username=user1&database=db1&collection=orders')).toMatchObject({
        status: 200,
        body: { allowed: false, rules: 'no rule matches: refused' },
      });
      expect(await tryQuery('username=ghost&database=db1&collection=x')).toMatchObject({
        status: 404,
        body: { error: 'no user named "ghost"' },
      });
      expect(await tryQuery('username=user1&database=db1&collection=x&command=drop')).toMatchObject({
        status: 400,
        body: { error: 'command: is one of find, count, status, export' },
      });
      expect(await tryQuery('username=user1&database=db1&collection=x&limit=1')).toMatchObject({
        status: 400,
        body: { error: 'unknown field "limit"' },
      });
    });

    it('refuses a parameter given twice, as the reader does, rather than trying one of the two', async () => {
      const admin = adminClient(service.baseUrl);
      const tryQuery = (query: string) => adminCall(admin, 'GET', `/admin/api/reader/try?${query}`);
      const twice = (name: string) => ({ status: 400, body: { error: `${name} is given more than once` } });
      expect(await tryQuery('username=user2&username=admin&database=db1&collection=user_collection1')).toMatchObject(
        twice('username'),
      );
      const criteria = new URLSearchParams([
        ['username', 'admin'],
        ['database', 'db1'],
        ['collection', 'user_collection1'],
        ['criteria', '{}'],
        ['criteria', '{"$where": "1"}'],
      ]);
      expect(await tryQuery(criteria.toString())).toMatchObject(twice('criteria'));
      const ran = await jar.fetch(`${service.baseUrl}/mongo/db1/user_collection1/_find?criteria=%7B%7D&criteria=%7B%7D`);
      expect(await ran.json()).toEqual({ ok: 0, error: 'criteria is given more than once' });
    });

    it('refuses __proto__ and constructor as the unknown fields they are, never dropping one', async () => {
      const admin = adminClient(service.baseUrl);
      for (const name of ['__proto__', 'constructor']) {
        expect(await adminCall(admin, 'GET', `/admin/api/reader/try?${name}=x&database=db1&collection=x`)).toMatchObject({
          status: 400,
          body: { error: `unknown field "${name}"` },
        });
      }
    });

    it('lets a key allowed only the reader’s GET entry points read the policy and try, and nothing else', async () => {
      const created = await adminCall(adminClient(service.baseUrl), 'POST', '/admin/api/keys', {
        entryPoints: ['GET /admin/api/reader/policy', 'GET /admin/api/reader/try'],
      });
      const readOnly = adminClient(service.baseUrl, created.body);
      expect((await adminCall(readOnly, 'GET', '/admin/api/reader/policy')).status).toBe(200);
      expect((await adminCall(readOnly, 'GET', '/admin/api/reader/try?database=db1&collection=x')).body).toMatchObject({
        username: null,
        asNobody: true,
        allowed: false,
      });
      expect(await adminCall(readOnly, 'GET', `/admin/api/keys/${DEMO_API_KEY.apiKey}`)).toMatchObject({
        status: 403,
        body: { error: 'entry point not allowed for the API key' },
      });
    });
  });
});

describe('the admin page of the MongoDB reader, with a policy file and a module', () => {
  let dir: string;
  let service: TestService;
  let jar: CookieJar;
  const MARKUP = '<img src=x onerror=alert(1)>';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signet-admin-reader-'));
    const policy = {
      rules: [
        { description: `<script>alert("rule")</script>`, collection: 'secrets_<b>*', effect: 'deny' },
        {
          description: 'the team reads its tickets',
          user: { attributes: { team: MARKUP } },
          database: 'db1',
          pin: { team: '$user.team', source: '"quoted" & <tag>' },
          hiddenFields: ['notes.<private>'],
          maxLimit: 10,
          effect: 'allow',
        },
        { user: { username: 'user1' }, database: 'db1', effect: 'allow' },
      ],
    };
    await writeFile(join(dir, 'policy <draft>.json'), JSON.stringify(policy));
    await writeFile(
      join(dir, 'check.mjs'),
      "export default (user, query) => (query.command === 'count' ? '<b>no counting</b> today' : true);\n",
    );
    service = await startTestService({
      config: testConfig({ READER_POLICY: join(dir, 'policy <draft>.json'), READER_POLICY_MODULE: join(dir, 'check.mjs') }),
    });
    jar = await loggedIn(service.baseUrl);
  });
  afterAll(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the file, the module and every rule with each value escaped', async () => {
    const response = await jar.fetch(`${service.baseUrl}/admin/reader/`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(textOf(html, 'policy-source')).toContain(`the file ${join(dir, 'policy <draft>.json')} (READER_POLICY)`);
    expect(html).toContain('policy &lt;draft&gt;.json');
    expect(textOf(html, 'policy-module')).toBe(
      `${join(dir, 'check.mjs')} (READER_POLICY_MODULE) has the last word on each query the rules allow`,
    );
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<tag>');
    expect(textOf(html, 'rule-0')).toBe(
      '0 deny find, count, status, export * secrets_<b>* anyone (an API key bound to no user too) <script>alert("rule")</script>',
    );
    expect(textOf(html, 'rule-1')).toBe(
      '1 allow find, count, status, export db1 * team = "<img src=x onerror=alert(1)>" ' +
        'pins team to "$user.team", source to "\\"quoted\\" & <tag>"; hides notes.<private>; at most 10 documents a query ' +
        'the team reads its tickets',
    );
    expect(html).toContain('&lt;script&gt;alert(&quot;rule&quot;)&lt;/script&gt;');
  });

  it('gives the module’s answer, escaped, once the rules allow', async () => {
    const tryAs = (fields: Record<string, string>) =>
      submitOn(jar, service.baseUrl, '/admin/reader/', '/admin/reader/', {
        database: 'db1',
        collection: 'tickets',
        criteria: '',
        ...fields,
      });
    const counted = await (await tryAs({ username: 'user1', command: 'count' })).text();
    expect(textOf(counted, 'trial-answer')).toBe(
      'The reader answers permission disallowed: <b>no counting</b> today, refused by the module (READER_POLICY_MODULE).',
    );
    expect(textOf(counted, 'trial-module')).toBe('refuses it: permission disallowed: <b>no counting</b> today');
    expect(counted).toContain('&lt;b&gt;no counting&lt;/b&gt; today');
    expect(counted).not.toContain('<b>no counting');
    const found = await (await tryAs({ username: 'user1', command: 'find' })).text();
    expect(textOf(found, 'trial-module')).toBe('allows it');
    const refused = await (await tryAs({ username: 'user2', command: 'count' })).text();
    expect(textOf(refused, 'trial-module')).toBe('not asked: a check before it refused');
  });
});
