import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { DEMO_NAMESPACE, demoDocuments } from '../../src/application/reader/reader-demo.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { loggedIn } from '../support/reader-flow.js';
import { doc } from '../support/reader-values.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const PAYLOAD = '<img src=x onerror=alert(1)>';

async function sourceWithMarkup(): Promise<MemoryDocumentSource> {
  const source = new MemoryDocumentSource();
  await source.seedIfEmpty(DEMO_NAMESPACE, demoDocuments());
  await source.seedIfEmpty({ database: 'db1', collection: 'user_markup' }, [
    doc({ _id: { kind: 'int32', value: 1 }, name: PAYLOAD, role: '"><script>alert(2)</script>' }),
    doc({ _id: { kind: 'int32', value: 2 }, name: PAYLOAD, role: '"><script>alert(2)</script>' }),
  ]);
  return source;
}

/** The page's markup must hold no script or style of its own: the CSP would refuse them, and an attacker's. */
function expectNoInlineCode(html: string): void {
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  // Attributes of real tags only: escaped text may well say onerror=, harmlessly.
  expect(html).not.toMatch(/<[a-z][^>]*\sstyle\s*=/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
}

describe('the reader’s page', () => {
  let service: TestService;
  let user1: CookieJar;

  beforeAll(async () => {
    const source = await sourceWithMarkup();
    service = await startTestService({ overrides: { documentSource: asValue(source), documentSeeder: asValue(source) } });
    user1 = await loggedIn(service, 'user1', '123');
  });
  afterAll(() => service.close());

  const page = async (jar: CookieJar, query = '') => {
    const response = await jar.fetch(`${service.baseUrl}/mongo/${query}`);
    return { response, html: await response.text() };
  };

  it('sends a visitor who is not logged in to the login page, and back afterwards', async () => {
    const response = await fetch(`${service.baseUrl}/mongo/?ns=db1.user_collection1`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login/?next=%2Fmongo%2F%3Fns%3Ddb1.user_collection1');
  });

  it('offers the collections the policy lets the user read, the form, the table, the export and the overview', async () => {
    const { response, html } = await page(user1);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('<option value="db1.user_collection1" selected>db1.user_collection1</option>');
    expect(html).toContain('<option value="db1.user_markup">db1.user_markup</option>');
    expect(html).toMatch(/data-reader-table\s+data-db="db1" data-col="user_collection1" data-rowcount="10"/);
    for (const column of ['name', 'gender', 'disable', 'lastlogin'])
      expect(html).toContain(`<th scope="col" data-field="${column}">${column}</th>`);
    expect(html).toContain('href="/mongo/db1/user_collection1/exportcsv/?criteria=%7B%7D&amp;sort=%7B%7D&amp;projection=');
    expect(html).toContain('<svg class="reader-bars"');
    expect(html).toMatch(
      /<a href="\/mongo\/\?criteria=%7B%22gender%22%3A\d%7D&amp;sort=%7B%7D&amp;rowcount=10&amp;ns=db1.user_collection1" class="reader-bar">/,
    );
    expect(html).toContain('<script src="/assets/reader.js" defer></script>');
    expect(html).toContain('<script src="/assets/reader-demo.js" defer></script>');
    expectNoInlineCode(html);
    expect((await user1.fetch(`${service.baseUrl}/mongo`)).status).toBe(200);
  });

  it('takes columns with display names, and a bar’s link narrows the current criteria', async () => {
    const criteria = encodeURIComponent('{"disable": true}');
    const { html } = await page(
      user1,
      `?ns=db1.user_collection1&criteria=${criteria}&columns=${encodeURIComponent('name=Name, lastlogin=Last login')}&rowcount=20`,
    );
    expect(html).toContain('<th scope="col" data-field="name">Name</th>');
    expect(html).toContain('<th scope="col" data-field="lastlogin">Last login</th>');
    expect(html).not.toContain('data-field="gender"');
    expect(html).toContain('value="name=Name, lastlogin=Last login"');
    expect(html).toContain(encodeURIComponent('{"$and":[{"disable":true},{"gender":'));
    expect(html).toContain('projection=%7B%22name%22%3A%22Name%22%2C%22lastlogin%22%3A%22Last+login%22%7D');
  });

  it('shows a stored value that is markup as text: in the overview and everywhere else', async () => {
    const { html } = await page(user1, '?ns=db1.user_markup');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expectNoInlineCode(html);
  });

  it('shows what is wrong with the form in place, typed input escaped', async () => {
    const hostile = '</textarea><script>alert(3)</script>';
    const { response, html } = await page(
      user1,
      `?ns=db1.user_collection1&criteria=${encodeURIComponent(hostile)}&columns=${encodeURIComponent('a..b')}`,
    );
    expect(response.status).toBe(200);
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;alert(3)&lt;/script&gt;</textarea>');
    expect(html).toMatch(/<p class="error" role="alert">criteria is not valid JSON: [^<]*<\/p>/);
    expect(html).toContain('columns: &quot;a..b&quot; is not a field path');
    expectNoInlineCode(html);
  });

  it('tells a user with nothing to read so, and shows a refused collection’s reason in place', async () => {
    const user2 = await loggedIn(service, 'user2', '456');
    expect((await page(user2)).html).toContain('There is no collection you may read.');
    const { html } = await page(user1, '?ns=db1.orders');
    expect(html).toContain('<p class="error" role="alert">permission disallowed</p>');
  });

  it('serves its script, its demo transforms and its stylesheet, with no library', async () => {
    for (const [name, type] of [
      ['reader.js', 'text/javascript'],
      ['reader-demo.js', 'text/javascript'],
      ['reader.css', 'text/css'],
    ]) {
      const response = await fetch(`${service.baseUrl}/assets/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      const text = await response.text();
      expect(text).not.toMatch(/jquery|innerHTML|insertAdjacentHTML|document\.write|eval\(/i);
    }
  });
});

describe('the reader’s templates and assets, replaced by a team', () => {
  let service: TestService;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-reader-templates-'));
    mkdirSync(join(dir, 'reader'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'reader', 'index.njk'),
      `{% extends "layout.njk" %}{% block head %}<script src="/assets/acme-transforms.js" defer></script>{% endblock %}
{% block content %}<h1>Acme records</h1>{% set columns = ["name"] %}{% set columnNames = {"name": "Full name"} %}{% set rowcount = 5 %}{% include "reader/table.njk" %}{% endblock %}`,
    );
    writeFileSync(join(dir, 'reader', 'overview.njk'), '<p>no overview here</p>');
    writeFileSync(join(dir, 'assets', 'acme-transforms.js'), "SignetReader.transform('name', (value) => value.toUpperCase());\n");
    service = await startTestService({ config: testConfig({ SSO_TEMPLATES_DIR: dir }) });
  });
  afterAll(() => service.close());

  it('renders the team’s page around the built-in table include, and serves the team’s script', async () => {
    const jar = await loggedIn(service, 'user1', '123');
    const html = await (await jar.fetch(`${service.baseUrl}/mongo/`)).text();
    expect(html).toContain('<h1>Acme records</h1>');
    expect(html).toContain('data-db="db1" data-col="user_collection1" data-rowcount="5"');
    expect(html).toContain('<th scope="col" data-field="name">Full name</th>');
    const script = await fetch(`${service.baseUrl}/assets/acme-transforms.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('toUpperCase');
  });
});
