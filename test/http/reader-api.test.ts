import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CookieJar } from '../support/cookie-jar.js';
import { loggedIn, readerPath, readJson } from '../support/reader-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

interface Found {
  ok: number;
  results: { _id: { $oid: string }; name: string; gender: number; disable: boolean; lastlogin: { $date: string } }[];
  span: number;
}

describe("the reader's JSON routes, with user1's browser session", () => {
  let service: TestService;
  let user1: CookieJar;
  let user2: CookieJar;

  beforeAll(async () => {
    service = await startTestService();
    user1 = await loggedIn(service, 'user1', '123');
    user2 = await loggedIn(service, 'user2', '456');
  });
  afterAll(() => service.close());

  const get = (jar: CookieJar, path: string) => readJson(jar, service, path);

  it('_find with limit=10&skip=10&sort={"name":-1} gives the 11th to 20th of the 100 demo documents by name, descending', async () => {
    const all = (await get(user1, readerPath('_find', { limit: '100', sort: '{"name":-1}' }))).body as unknown as Found;
    expect(all.results).toHaveLength(100);
    const names = all.results.map((document) => document.name);
    expect(names).toEqual([...names].sort().reverse());
    const { status, body } = await get(user1, readerPath('_find', { limit: '10', skip: '10', sort: '{"name":-1}' }));
    expect(status).toBe(200);
    const page = body as unknown as Found;
    expect(page.ok).toBe(1);
    expect(page.results.map((document) => document.name)).toEqual(names.slice(10, 20));
    expect(page.span).toEqual(expect.any(Number));
  });

  it('answers relaxed Extended JSON', async () => {
    const { body } = await get(user1, readerPath('_find', { limit: '1' }));
    const [first] = (body as unknown as Found).results;
    expect(first).toEqual({
      _id: { $oid: expect.stringMatching(/^[0-9a-f]{24}$/) },
      name: expect.any(String),
      gender: expect.any(Number),
      disable: expect.any(Boolean),
      lastlogin: { $date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/) },
    });
  });

  it('_count with {"disable": true} gives the number mingo counts', async () => {
    const { body } = await get(user1, readerPath('_count', { criteria: '{"disable": true}' }));
    const { find } = await import('mingo');
    const all = ((await get(user1, readerPath('_find', { limit: '100' }))).body as unknown as Found).results;
    expect(body).toEqual({ ok: 1, count: find(all, { disable: true }).all().length, span: expect.any(Number) });
    expect(body.count).toBeGreaterThan(0);
    expect(body.count).toBeLessThan(100);
  });

  it('filters with Extended JSON dates and ids', async () => {
    const [first] = ((await get(user1, readerPath('_find', { limit: '1', sort: '{"lastlogin": 1}' }))).body as unknown as Found)
      .results;
    const byId = await get(user1, readerPath('_find', { criteria: JSON.stringify({ _id: first!._id }) }));
    expect((byId.body as unknown as Found).results.map((document) => document.name)).toEqual([first!.name]);
    const later = await get(user1, readerPath('_count', { criteria: JSON.stringify({ lastlogin: { $gt: first!.lastlogin } }) }));
    expect(later.body.count).toBe(99);
  });

  it('_status answers the collection’s statistics', async () => {
    const { status, body } = await get(user1, readerPath('_status'));
    expect(status).toBe(200);
    expect(body).toEqual({
      ok: 1,
      status: expect.objectContaining({
        ns: 'db1.user_collection1',
        count: 100,
        size: expect.any(Number),
        avgObjSize: expect.any(Number),
        nindexes: 1,
      }),
      span: expect.any(Number),
    });
  });

  it.each([
    ['{"$where": "sleep(100) || true"}', '$where'],
    ['{"$expr": {"$function": {"body": "function () { return true }", "args": [], "lang": "js"}}}', '$function'],
    ['{"name": {"$in": [{"$accumulator": {}}]}}', '$accumulator'],
  ])('refuses %s with 400 operator not allowed: %s', async (criteria, operator) => {
    for (const command of ['_find', '_count', '_overview']) {
      const { status, body } = await get(user1, readerPath(command, { criteria }));
      expect(status).toBe(400);
      expect(body).toEqual({ ok: 0, error: `operator not allowed: ${operator}` });
    }
  });

  it("refuses user2's _find with 403 permission disallowed, and lets user2 count", async () => {
    expect(await get(user2, readerPath('_find'))).toEqual({ status: 403, body: { ok: 0, error: 'permission disallowed' } });
    expect((await get(user2, readerPath('_count'))).body).toMatchObject({ ok: 1, count: 100 });
  });

  it('refuses a collection outside the policy with 403', async () => {
    expect(await get(user1, readerPath('_find', {}, 'db1', 'orders'))).toEqual({
      status: 403,
      body: { ok: 0, error: 'permission disallowed' },
    });
    expect((await get(user1, readerPath('_find', {}, 'db2', 'user_collection1'))).status).toBe(403);
    expect((await get(user1, readerPath('_status', {}, 'admin', 'system.users'))).status).toBe(403);
  });

  it.each([
    [{ criteria: '{"name": ' }, 'criteria is not valid JSON: expected a JSON value at position 9'],
    [{ criteria: '{"_id": {"$oid": "nope"}}' }, 'bad Extended JSON: $oid takes 24 hexadecimal digits'],
    [{ limit: 'ten' }, 'limit must be a whole number from 0 to 9007199254740991'],
    [{ skip: '-5' }, 'skip must be a whole number from 0 to 9007199254740991'],
    [{ sort: '{"name": "down"}' }, 'sort: name takes 1 or -1'],
    [{ fields: '{"name": 1, "gender": 0}' }, 'fields: fields cannot be both included and excluded (only _id may differ)'],
    [{ criteria: '{"name": {"$foo": 1}}' }, 'unknown operator: $foo'],
    [{ criteria: '{"__proto__": {"admin": true}}' }, 'criteria: key not allowed: __proto__'],
  ])('answers bad input %j with 400 and what is wrong', async (parameters, error) => {
    expect(await get(user1, readerPath('_find', parameters))).toEqual({ status: 400, body: { ok: 0, error } });
  });

  it('refuses a parameter given twice, which parsers read differently', async () => {
    const response = await user1.fetch(`${service.baseUrl}${readerPath('_find')}?criteria=%7B%7D&criteria=%7B%22a%22%3A1%7D`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: 0, error: 'criteria is given more than once' });
  });

  it('refuses bad names with 400', async () => {
    expect(await get(user1, readerPath('_find', {}, 'db.1', 'c'))).toEqual({
      status: 400,
      body: { ok: 0, error: expect.stringContaining('bad database name: "db.1"') },
    });
    expect((await get(user1, readerPath('_find', {}, 'db1', 'a$b'))).body.error).toContain('bad collection name');
  });

  it('caps the limit at 1000 and defaults it to 50', async () => {
    expect(((await get(user1, readerPath('_find'))).body as unknown as Found).results).toHaveLength(50);
    expect(((await get(user1, readerPath('_find', { limit: '5000' }))).body as unknown as Found).results).toHaveLength(100);
  });

  it('answers 401 to nobody, in the same JSON shape, and never caches an answer', async () => {
    const response = await fetch(`${service.baseUrl}${readerPath('_find')}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      ok: 0,
      error: 'authentication required: log in, or sign the request with an API key',
    });
    const answered = await user1.fetch(`${service.baseUrl}${readerPath('_count')}`);
    expect(answered.headers.get('cache-control')).toBe('no-store');
  });

  it('explains which rule decides, and lists what the caller may read', async () => {
    expect((await get(user2, readerPath('_explain', { command: 'count' }))).body).toMatchObject({
      ok: 1,
      explanation: { user: 'user2', allowed: true, rule: 2, description: 'user2 may count them, not read them' },
    });
    expect((await get(user2, readerPath('_explain'))).body).toMatchObject({
      explanation: { allowed: false, reason: 'no rule of the policy allows it' },
    });
    expect((await get(user1, '/mongo/_collections')).body).toEqual({
      ok: 1,
      collections: [{ db: 'db1', col: 'user_collection1' }],
      span: 0,
    });
    expect((await get(user2, '/mongo/_collections')).body).toMatchObject({ collections: [] });
  });

  it('gives the field overview as JSON', async () => {
    const { body } = await get(user1, readerPath('_overview', { criteria: '{"gender": 1}' }));
    expect(body).toMatchObject({ ok: 1, sampled: expect.any(Number) });
    const fields = body.fields as { path: string; values: { label: string; count: number; filter: unknown }[] }[];
    expect(fields.find((field) => field.path === 'gender')?.values).toEqual([
      { label: '1', count: body.sampled, filter: { gender: 1 } },
    ]);
  });
});
