import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { DEMO_NAMESPACE, demoDocuments } from '../../src/application/reader/reader-demo.js';
import { BackendUnavailableError } from '../../src/domain/backends/backend.errors.js';
import type { DocumentCursor, FindQuery } from '../../src/domain/reader/document-source.port.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { loggedIn, readerPath } from '../support/reader-flow.js';
import { RecordingLogger } from '../support/reader-use-cases.js';
import { doc } from '../support/reader-values.js';
import { startTestService, type TestService } from '../support/test-service.js';

const hostile = [
  doc({ _id: { kind: 'int32', value: 1 }, name: '=HYPERLINK("http://evil.example","click")', note: 'plain' }),
  doc({ _id: { kind: 'int32', value: 2 }, name: '+1+2', note: 'comma, "quoted"\nand a new line' }),
  doc({ _id: { kind: 'int32', value: 3 }, name: '-2+3', note: '@SUM(A1:A2)', amount: { kind: 'int32', value: -5 } }),
  doc({ _id: { kind: 'int32', value: 4 }, name: 'Ada', note: '\tTab', nested: doc({ city: 'Oxford' }) }),
];

/** A memory source that counts the cursors it opened and those closed. */
class CountingSource extends MemoryDocumentSource {
  opened = 0;
  closed = 0;

  override async openCursor(query: FindQuery): Promise<DocumentCursor> {
    const cursor = await super.openCursor(query);
    this.opened += 1;
    let read = 0;
    return {
      // user_broken stands for a server lost in the middle of an export.
      next: async () => {
        if (query.namespace.collection === 'user_broken' && ++read > 2)
          throw new BackendUnavailableError('document source', 'lost');
        return cursor.next();
      },
      close: async () => {
        this.closed += 1;
        await cursor.close();
      },
    };
  }
}

async function eventually(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe('the CSV export', () => {
  let service: TestService;
  let user1: CookieJar;
  const source = new CountingSource();
  const logger = new RecordingLogger();

  beforeAll(async () => {
    await source.seedIfEmpty(DEMO_NAMESPACE, demoDocuments());
    await source.seedIfEmpty({ database: 'db1', collection: 'user_csv' }, hostile);
    const many = Array.from({ length: 5000 }, (_, n) => doc({ _id: { kind: 'int32', value: n }, name: `n${n}` }));
    await source.seedIfEmpty({ database: 'db1', collection: 'user_many' }, many);
    await source.seedIfEmpty({ database: 'db1', collection: 'user_broken' }, many);
    service = await startTestService({
      overrides: { documentSource: asValue(source), documentSeeder: asValue(source), logger: asValue(logger) },
    });
    user1 = await loggedIn(service, 'user1', '123');
  });
  afterAll(() => service.close());

  const exportOf = (parameters: Record<string, string>, col = 'user_collection1') =>
    user1.fetch(`${service.baseUrl}${readerPath('exportcsv/', parameters, 'db1', col)}`);

  it('streams a CSV with a header row of the display names, then one row per document, CRLF line ends', async () => {
    const response = await exportOf({
      criteria: '{"disable": true}',
      sort: '{"name": 1}',
      projection: '{"name": "Name", "lastlogin": "Last login"}',
      exportfn: 'people.csv',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="people.csv"');
    const text = await response.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Name,Last login');
    expect(lines.at(-1)).toBe('');
    const count = await (
      await user1.fetch(`${service.baseUrl}${readerPath('_count', { criteria: '{"disable": true}' })}`)
    ).json();
    expect(lines.length - 2).toBe((count as { count: number }).count);
    expect(lines[1]).toMatch(/^[A-Z][a-z]+ [A-Z][A-Za-z]+,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    const names = lines.slice(1, -1).map((line) => line.split(',')[0]);
    expect(names).toEqual([...names].sort());
    // dj-mongo-reader's URL ends with a slash; without one it is the same export.
    const unslashed = `${service.baseUrl}${readerPath('exportcsv', { projection: '{"name": "Name"}' })}`;
    expect((await (await user1.fetch(unslashed)).text()).split('\r\n')[0]).toBe('Name');
  });

  it('quotes as RFC 4180 says, and neutralises cells that would start a formula', async () => {
    const text = await (
      await exportOf(
        { sort: '{"_id": 1}', projection: '{"name": "=Name", "note": "Note", "amount": 1, "nested.city": "City"}' },
        'user_csv',
      )
    ).text();
    expect(text.split('\r\n')).toEqual([
      "'=Name,Note,amount,City",
      `"'=HYPERLINK(""http://evil.example"",""click"")",plain,,`,
      // The new line inside a value stays inside its quotes: records end with CRLF only.
      `'+1+2,"comma, ""quoted""\nand a new line",,`,
      "'-2+3,'@SUM(A1:A2),-5,",
      "Ada,'\tTab,,Oxford",
      '',
    ]);
  });

  it('refuses an export that names no columns, or asks for what the policy refuses, before sending anything', async () => {
    const bare = await exportOf({});
    expect([bare.status, await bare.json()]).toEqual([
      400,
      { ok: 0, error: 'projection must name the fields to export, with their titles: {"name": "Name"}' },
    ]);
    const outside = await exportOf({ projection: '{"name": "Name"}' }, 'orders');
    expect(outside.status).toBe(403);
    const user2 = await loggedIn(service, 'user2', '456');
    expect((await user2.fetch(`${service.baseUrl}${readerPath('exportcsv/', { projection: '{"name": "Name"}' })}`)).status).toBe(
      403,
    );
    const where = await exportOf({ projection: '{"name": "Name"}', criteria: '{"$where": "1"}' });
    expect([where.status, await where.json()]).toEqual([400, { ok: 0, error: 'operator not allowed: $where' }]);
  });

  it('names the file safely, whatever exportfn says', async () => {
    const response = await exportOf({ projection: '{"name": "Name"}', exportfn: '../../etc/pass"wd\r\nX-Evil: 1' });
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="_.._etc_pass_wd__X-Evil__1.csv"');
    expect(response.headers.get('x-evil')).toBeNull();
    const fallback = await exportOf({ projection: '{"name": "Name"}' });
    expect(fallback.headers.get('content-disposition')).toBe('attachment; filename="user_collection1.csv"');
  });

  it('cuts the file short when the source is lost part way, closes the cursor, and says so in the log', async () => {
    const before = source.closed;
    const response = await exportOf({ projection: '{"name": "Name"}' }, 'user_broken');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    await eventually(() => source.closed === before + 1);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'an export stopped part way',
      fields: { rows: 2, reason: 'document source unavailable' },
    });
  });

  it('stops reading when the client goes away', async () => {
    const controller = new AbortController();
    const response = await user1.fetch(
      `${service.baseUrl}${readerPath('exportcsv/', { projection: '{"name": "Name"}' }, 'db1', 'user_many')}`,
      {
        signal: controller.signal,
      },
    );
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value).startsWith('Name\r\n')).toBe(true);
    const before = { opened: source.opened, closed: source.closed };
    controller.abort();
    await eventually(() => source.closed === before.opened);
    // The server stays well: the next export runs to its end, and closes its cursor too.
    const whole = await (await exportOf({ projection: '{"name": "Name"}' }, 'user_many')).text();
    expect(whole.split('\r\n')).toHaveLength(5002);
    await eventually(() => source.closed === source.opened);
  });
});
