import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapturingLogger } from '../support/capturing-logger.js';
import { CookieJar } from '../support/cookie-jar.js';
import { startMongoWireFake, type MongoWireFake } from '../support/mongo-wire-fake/server.js';
import { loggedIn, readerKey, readerPath, readJson, signedReaderPath } from '../support/reader-flow.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

const COMPAT = { READER_COMPAT: 'dj-mongo-reader' };

describe('READER_COMPAT=dj-mongo-reader on the memory source', () => {
  let service: TestService;
  let user1: CookieJar;
  let user2: CookieJar;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    service = await startTestService({ config: testConfig({ ...COMPAT, READER_MAX_LIMIT: '30' }), logger });
    user1 = await loggedIn(service, 'user1', '123');
    user2 = await loggedIn(service, 'user2', '456');
  });
  afterAll(() => service.close());

  const get = (jar: CookieJar, path: string) => readJson(jar, service, path);

  it("answers user2's refused _find with HTTP 200 and dj-mongo-reader's body", async () => {
    expect(await get(user2, readerPath('_find', { limit: '10' }))).toEqual({
      status: 200,
      body: { error: 'permission disallowed' },
    });
  });

  it('answers an unknown _command with HTTP 200 "no command found"', async () => {
    expect(await get(user1, readerPath('_foo'))).toEqual({ status: 200, body: { error: 'no command found', ok: 0 } });
  });

  it('writes dates as {"$date": milliseconds} and ObjectIds as {"$oid": hex}', async () => {
    const { status, body } = await get(user1, readerPath('_find', { limit: '3', sort: '{"lastlogin": 1}' }));
    expect(status).toBe(200);
    const results = body.results as { _id: unknown; lastlogin: { $date: unknown } }[];
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result._id).toEqual({ $oid: expect.stringMatching(/^[0-9a-f]{24}$/) });
      expect(result.lastlogin.$date).toEqual(expect.any(Number));
    }
    const dates = results.map((result) => Number(result.lastlogin.$date));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(body).toMatchObject({ ok: 1, span: expect.any(Number) });
  });

  it('takes a {"$date": milliseconds} filter, as the front end sends back what it was given', async () => {
    const first = (
      (await get(user1, readerPath('_find', { limit: '1', sort: '{"lastlogin": 1}' }))).body.results as {
        lastlogin: { $date: number };
      }[]
    )[0];
    const later = await get(user1, readerPath('_count', { criteria: JSON.stringify({ lastlogin: { $gt: first?.lastlogin } }) }));
    expect(later.body).toMatchObject({ ok: 1, count: 99 });
  });

  it('answers _status with ns, count and nindexes under "status"', async () => {
    const { status, body } = await get(user1, readerPath('_status'));
    expect(status).toBe(200);
    expect(body).toEqual({
      status: expect.objectContaining({ ns: 'db1.user_collection1', count: 100, nindexes: 1 }),
      ok: 1,
      span: expect.any(Number),
    });
  });

  it('answers a bad query, a bad limit and a bad name with HTTP 200 {"ok": 0, "error": <message>}', async () => {
    const badJson = await get(user1, readerPath('_find', { criteria: '{"name": ' }));
    expect(badJson.status).toBe(200);
    expect(badJson.body).toEqual({ ok: 0, error: expect.stringContaining('criteria') });
    const badLimit = await get(user1, readerPath('_find', { limit: 'ten' }));
    expect(badLimit).toEqual({ status: 200, body: { ok: 0, error: expect.stringContaining('limit must be a whole number') } });
    const operator = await get(user1, readerPath('_find', { criteria: '{"$where": "1"}' }));
    expect(operator).toEqual({ status: 200, body: { ok: 0, error: 'operator not allowed: $where' } });
  });

  it('returns up to READER_MAX_LIMIT documents for a _find without limit, and says so in the log', async () => {
    const { body } = await get(user1, readerPath('_find'));
    expect(body.results).toHaveLength(30);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: expect.stringContaining('without limit'),
        fields: expect.objectContaining({ returned: 30, maxLimit: 30 }),
      }),
    );
  });

  it("accepts the front end's parameters: a leading &, batch_size, and the cache-busters _ and t", async () => {
    const path = `/mongo/db1/user_collection1/_find?&skip=10&batch_size=50&limit=5&criteria=${encodeURIComponent('{}')}&sort=${encodeURIComponent('{"name":1}')}&_=1700000000000&t=1700000000001`;
    const { status, body } = await get(user1, path);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: 1 });
    expect(body.results).toHaveLength(5);
    const count = await get(user1, '/mongo/db1/user_collection1/_count?&skip=0&batch_size=50&limit=50&criteria=%7B%7D&_=1');
    expect(count.body).toMatchObject({ ok: 1, count: 100 });
  });

  it('answers /mongo/info/ and the bare collection URL with JSON', async () => {
    expect(await get(user1, '/mongo/info/')).toEqual({ status: 200, body: { client_clz: expect.stringContaining('memory') } });
    expect(await get(user1, '/mongo/db1/user_collection1/')).toEqual({ status: 200, body: {} });
  });

  it('keeps 401 for a request with no session, on known and unknown commands alike', async () => {
    const nobody = new CookieJar();
    for (const path of [readerPath('_find'), readerPath('_foo'), readerPath('_status'), '/mongo/info/']) {
      const { status, body } = await get(nobody, path);
      expect({ path, status }).toEqual({ path, status: 401 });
      expect(body).toMatchObject({ ok: 0 });
    }
  });

  it('keeps 403 for a signed request whose signature is wrong', async () => {
    const key = await readerKey(service, 'user1');
    const path = signedReaderPath({ apiKey: key.apiKey, secretKey: 'not-the-secret' }, readerPath('_find'), { limit: '1' });
    const response = await fetch(`${service.baseUrl}${path}`);
    expect(response.status).toBe(403);
  });

  it('serves a signed request the same shapes', async () => {
    const key = await readerKey(service, 'user2');
    const path = signedReaderPath(key, '/mongo/db1/user_collection1/_find', { limit: '1' });
    const response = await fetch(`${service.baseUrl}${path}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ error: 'permission disallowed' });
  });

  it('describes its extra routes in /openapi.json', async () => {
    const response = await fetch(`${service.baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    const paths = Object.keys(((await response.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/mongo/info/', '/mongo/{db}/{col}/{command}']));
  });

  it("keeps the reader's own page working", async () => {
    const response = await user1.fetch(`${service.baseUrl}/mongo/?ns=db1.user_collection1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data-reader-table');
  });
});

describe('READER_COMPAT=dj-mongo-reader on MongoDB (the wire fake)', () => {
  let fake: MongoWireFake;
  let service: TestService;
  let user1: CookieJar;

  beforeAll(async () => {
    fake = await startMongoWireFake();
    service = await startTestService({
      config: testConfig({ ...COMPAT, READER_SOURCE: 'mongo', MONGO_URL: `${fake.url}/signet?serverSelectionTimeoutMS=2000` }),
    });
    user1 = await loggedIn(service, 'user1', '123');
  });
  afterAll(async () => {
    await service.close();
    await fake.stop();
  });

  it('answers _status with every collStats field the server reports', async () => {
    const { status, body } = await readJson(user1, service, readerPath('_status'));
    expect(status).toBe(200);
    expect(body.status).toMatchObject({
      ns: 'db1.user_collection1',
      count: 100,
      nindexes: 1,
      capped: false,
      totalSize: expect.any(Number),
      scaleFactor: 1,
      numOrphanDocs: 0,
      indexSizes: { _id_: expect.any(Number) },
    });
  });

  it('writes dates as milliseconds here too', async () => {
    const { body } = await readJson(user1, service, readerPath('_find', { limit: '2' }));
    const [first] = body.results as { lastlogin: { $date: unknown } }[];
    expect(first?.lastlogin.$date).toEqual(expect.any(Number));
  });
});

describe('without READER_COMPAT', () => {
  let service: TestService;
  let user1: CookieJar;
  let user2: CookieJar;

  beforeAll(async () => {
    service = await startTestService();
    user1 = await loggedIn(service, 'user1', '123');
    user2 = await loggedIn(service, 'user2', '456');
  });
  afterAll(() => service.close());

  it('keeps the HTTP statuses: 403 for a refusal, 404 for an unknown command or info/, 400 for bad input', async () => {
    expect((await readJson(user2, service, readerPath('_find'))).status).toBe(403);
    expect((await user1.fetch(`${service.baseUrl}${readerPath('_foo')}`)).status).toBe(404);
    expect((await user1.fetch(`${service.baseUrl}/mongo/info/`)).status).toBe(404);
    expect((await readJson(user1, service, readerPath('_find', { limit: 'ten' }))).status).toBe(400);
  });

  it('keeps relaxed Extended JSON dates and the eight statistics', async () => {
    const { body } = await readJson(user1, service, readerPath('_find', { limit: '1' }));
    expect((body.results as { lastlogin: { $date: unknown } }[])[0]?.lastlogin.$date).toEqual(expect.any(String));
    const status = (await readJson(user1, service, readerPath('_status'))).body.status as Record<string, unknown>;
    expect(Object.keys(status).sort()).toEqual(
      ['avgObjSize', 'count', 'indexSizes', 'nindexes', 'ns', 'size', 'storageSize', 'totalIndexSize'].sort(),
    );
  });
});
