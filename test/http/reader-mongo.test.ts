import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CookieJar } from '../support/cookie-jar.js';
import { startMongoWireFake, type MongoWireFake } from '../support/mongo-wire-fake/server.js';
import { loggedIn, readerPath, readJson } from '../support/reader-flow.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/**
 * The reader on READER_SOURCE=mongo, against the wire fake through a proxy this file can freeze or
 * cut, as a server that hangs or goes away mid-request. The demo collection is seeded into it.
 */
describe('the reader on MongoDB', () => {
  let fake: MongoWireFake;
  let proxy: TcpProxy;
  let service: TestService;
  let user1: CookieJar;
  const maxTimeMs = 400;

  beforeAll(async () => {
    fake = await startMongoWireFake();
    proxy = await startTcpProxy(Number(new URL(fake.url).port));
    service = await startTestService({
      config: testConfig({
        READER_SOURCE: 'mongo',
        MONGO_URL: `mongodb://127.0.0.1:${proxy.port}/signet?serverSelectionTimeoutMS=300`,
        READER_MAX_TIME_MS: String(maxTimeMs),
      }),
    });
    user1 = await loggedIn(service, 'user1', '123');
  });
  afterAll(async () => {
    await service.close();
    await proxy.close();
    await fake.stop();
  });

  const get = (path: string) => readJson(user1, service, path);

  it('serves the seeded demo collection as the memory source does', async () => {
    const page = await get(readerPath('_find', { limit: '10', skip: '10', sort: '{"name":-1}' }));
    expect(page.status).toBe(200);
    expect((page.body.results as unknown[]).length).toBe(10);
    expect((await get(readerPath('_count'))).body).toMatchObject({ ok: 1, count: 100 });
    expect((await get(readerPath('_status'))).body).toMatchObject({
      ok: 1,
      status: { ns: 'db1.user_collection1', count: 100, nindexes: 1 },
    });
    expect((await get('/mongo/_collections')).body).toMatchObject({ collections: [{ db: 'db1', col: 'user_collection1' }] });
  });

  it('seeds the demo once: a restart on the same server finds it and leaves it as it is', async () => {
    const again = await startTestService({ config: service.runtime.config });
    try {
      const jar = await loggedIn(again, 'user1', '123');
      expect((await readJson(jar, again, readerPath('_count'))).body).toMatchObject({ count: 100 });
    } finally {
      await again.close();
    }
    expect((await get(readerPath('_count'))).body).toMatchObject({ count: 100 });
  });

  it('answers 400 when the server refuses a query for what it says', async () => {
    expect(await get(readerPath('_find', { criteria: '{"name": {"$regex": "("}}' }))).toEqual({
      status: 400,
      body: { ok: 0, error: expect.stringMatching(/^the query could not run: .*regular expression/i) },
    });
  });

  it('answers 503 within the time limit when the server hangs mid-request, and serves again when it answers', async () => {
    proxy.freeze();
    try {
      const started = Date.now();
      const response = await user1.fetch(`${service.baseUrl}${readerPath('_count')}`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toEqual({ ok: 0, error: 'document source unavailable' });
      expect(Date.now() - started).toBeLessThan(maxTimeMs + 1000 + 3000);
    } finally {
      proxy.thaw();
    }
    await expect.poll(async () => (await get(readerPath('_count'))).status, { timeout: 10_000, interval: 200 }).toBe(200);
  });

  it('answers 503 when the server is gone, and never a 500', async () => {
    proxy.cut();
    try {
      for (const command of ['_find', '_count', '_status', '_overview']) {
        const { status, body } = await get(readerPath(command));
        expect(status, command).toBe(503);
        expect(body).toEqual({ ok: 0, error: 'document source unavailable' });
      }
      const exported = await user1.fetch(`${service.baseUrl}${readerPath('exportcsv/', { projection: '{"name": "Name"}' })}`);
      expect(exported.status).toBe(503);
      // The page cannot list collections either: an HTML page saying so, with its status.
      const page = await user1.fetch(`${service.baseUrl}/mongo/`);
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('document source unavailable');
    } finally {
      proxy.thaw();
    }
    await expect.poll(async () => (await get(readerPath('_count'))).status, { timeout: 10_000, interval: 200 }).toBe(200);
  });
});
