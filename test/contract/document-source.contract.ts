import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentSeeder, DocumentSource, FindQuery } from '../../src/domain/reader/document-source.port.js';
import { bsonSize } from '../../src/domain/reader/bson-size.js';
import { parseExtendedJsonDocument } from '../../src/domain/reader/extended-json.js';
import type { Namespace } from '../../src/domain/reader/namespace.js';
import { ALL_FIELDS, type Projection } from '../../src/domain/reader/projection.js';
import { ReaderError } from '../../src/domain/reader/reader.errors.js';
import { fieldOf, type ReaderDocument, type ReaderValue } from '../../src/domain/reader/reader-value.js';
import { relaxedText } from '../../src/domain/reader/relaxed-json.js';
import type { SortKey } from '../../src/domain/reader/sort-spec.js';
import { doc } from '../support/reader-values.js';

/** What a backend's test file hands the suite: a source over empty databases, and how to name them. */
export interface DocumentSourceHarness {
  source: DocumentSource & DocumentSeeder;
  /** The real name of the suite's database `name` (a prefix keeps a shared server's other databases apart). */
  database(name: string): string;
  close(): Promise<void>;
}

const int32 = (value: number): ReaderValue => ({ kind: 'int32', value });
const oid = (n: number): ReaderValue => ({ kind: 'objectId', hex: n.toString(16).padStart(24, '0') });

/** The behaviour every DocumentSource adapter must show; each test gets its own harness. */
export function documentSourceContract(name: string, makeHarness: () => Promise<DocumentSourceHarness>): void {
  describe(`${name} honours the DocumentSource contract`, () => {
    let harness: DocumentSourceHarness;
    let source: DocumentSource & DocumentSeeder;
    let people: Namespace;

    const people10 = Array.from({ length: 10 }, (_, n) =>
      doc({
        _id: oid(n + 1),
        name: `person ${String.fromCharCode(97 + ((n * 7) % 10))}`,
        age: int32(20 + n),
        tags: n % 2 === 0 ? ['even', `t${n}`] : ['odd'],
        profile: doc({ city: n < 5 ? 'Oxford' : 'Leeds', zip: int32(n) }),
        joined: { kind: 'date', ms: Date.UTC(2024, n, 1) },
        ...(n === 3 ? { nickname: 'trey' } : {}),
      }),
    );

    const query = (overrides: Omit<Partial<FindQuery>, 'criteria'> & { criteria?: ReaderDocument | string }): FindQuery => ({
      namespace: people,
      projection: ALL_FIELDS,
      sort: [],
      skip: 0,
      limit: 1000,
      maxTimeMs: 5000,
      ...overrides,
      criteria:
        typeof overrides.criteria === 'string'
          ? parseExtendedJsonDocument(overrides.criteria, 'criteria')
          : (overrides.criteria ?? doc({})),
    });
    const ids = (documents: readonly ReaderDocument[]) =>
      documents.map((document) => relaxedText(fieldOf(document, '_id') ?? null));
    const find = (overrides: Parameters<typeof query>[0]) => source.find(query(overrides));
    const sortBy = (path: string, direction: 1 | -1 = 1): SortKey[] => [{ path, direction }];
    const keys = (document: ReaderDocument | undefined) => (document?.entries.map(([key]) => key) ?? []).sort();

    beforeEach(async () => {
      harness = await makeHarness();
      source = harness.source;
      people = { database: harness.database('contract'), collection: 'people' };
      await source.seedIfEmpty(people, people10);
    });

    afterEach(async () => {
      await harness.close();
    });

    it('gives back every document as stored, each type kept', async () => {
      const everything = doc({
        _id: oid(1),
        int: int32(-7),
        long: { kind: 'int64', value: 9007199254740993n },
        double: 1.5,
        decimal: { kind: 'decimal128', value: '1.25' },
        text: 'héllo 😀',
        flag: true,
        nothing: null,
        when: { kind: 'date', ms: Date.UTC(1969, 6, 20, 20, 17) },
        pattern: { kind: 'regex', pattern: '^a.c$', options: 'i' },
        bytes: { kind: 'binary', base64: 'AQIDBA==', subType: 0 },
        stamp: { kind: 'timestamp', t: 1700000000, i: 3 },
        low: { kind: 'minKey' },
        high: { kind: 'maxKey' },
        nested: doc({ list: [int32(1), doc({ deep: 'x' }), []] }),
      });
      const namespace = { database: harness.database('contract'), collection: 'types' };
      expect(await source.seedIfEmpty(namespace, [everything])).toBe(true);
      expect(await source.find({ ...query({}), namespace })).toStrictEqual([everything]);
    });

    it('seeds a collection only while it is empty', async () => {
      expect(await source.seedIfEmpty(people, [doc({ _id: oid(99) })])).toBe(false);
      expect(await source.count({ namespace: people, criteria: doc({}), maxTimeMs: 5000 })).toBe(10);
    });

    it('sorts, then skips, then limits', async () => {
      const byName = await find({ sort: sortBy('name', -1) });
      const names = byName.map((document) => fieldOf(document, 'name'));
      expect(names).toEqual([...names].sort().reverse());
      expect(ids(await find({ sort: sortBy('name', -1), skip: 3, limit: 4 }))).toEqual(ids(byName).slice(3, 7));
      expect(await find({ skip: 50 })).toEqual([]);
    });

    it('matches with the query language: comparisons, $in, $or, $regex, $elemMatch, dates, ids and nested fields', async () => {
      const cases: [string, number[]][] = [
        ['{"age": {"$gte": 25, "$lt": 27}}', [6, 7]],
        ['{"age": {"$in": [20, 29, 99]}}', [1, 10]],
        ['{"$or": [{"age": 20}, {"nickname": {"$exists": true}}]}', [1, 4]],
        ['{"name": {"$regex": "^PERSON [ab]$", "$options": "i"}}', [1, 4]],
        ['{"name": {"$regularExpression": {"pattern": "h$", "options": ""}}}', [2]],
        ['{"tags": "odd", "profile.city": "Leeds"}', [6, 8, 10]],
        ['{"tags": {"$all": ["even", "t4"]}}', [5]],
        ['{"tags": {"$size": 1}, "age": {"$lt": 24}}', [2, 4]],
        ['{"joined": {"$gte": {"$date": "2024-09-01T00:00:00Z"}}}', [9, 10]],
        ['{"_id": {"$oid": "000000000000000000000003"}}', [3]],
        ['{"profile": {"$elemMatch": {"zip": 1}}}', []],
        ['{"age": {"$not": {"$gt": 21}}, "nickname": {"$exists": false}}', [1, 2]],
        ['{"profile.zip": {"$mod": [4, 0]}}', [1, 5, 9]],
        ['{"$expr": {"$gt": ["$profile.zip", 7]}}', [9, 10]],
      ];
      for (const [criteria, expected] of cases) {
        expect(ids(await find({ criteria, sort: sortBy('_id') })), criteria).toEqual(expected.map((n) => relaxedText(oid(n))));
        expect(await source.count({ namespace: people, criteria: query({ criteria }).criteria, maxTimeMs: 5000 }), criteria).toBe(
          expected.length,
        );
      }
    });

    it('projects fields in or out, _id unless it is left out', async () => {
      const projected = async (projection: Projection) => (await find({ projection, sort: sortBy('_id'), limit: 1 }))[0];
      expect(keys(await projected({ mode: 'include', paths: ['name', 'profile.city'], withId: true }))).toEqual([
        '_id',
        'name',
        'profile',
      ]);
      expect(
        relaxedText(fieldOf((await projected({ mode: 'include', paths: ['profile.city'], withId: false }))!, 'profile')!),
      ).toBe('{"city":"Oxford"}');
      expect(keys(await projected({ mode: 'exclude', paths: ['tags', 'profile', 'joined'], withId: false }))).toEqual([
        'age',
        'name',
      ]);
      expect(keys(await projected({ mode: 'include', paths: [], withId: true }))).toEqual(['_id']);
    });

    it('sorts strings by their UTF-8 bytes and mixed types in BSON order, arrays by their smallest or largest element', async () => {
      const namespace = { database: harness.database('contract'), collection: 'mixed' };
      await source.seedIfEmpty(namespace, [
        doc({ _id: int32(1), v: '\u{ff61}' }),
        doc({ _id: int32(2), v: '\u{1f600}' }),
        doc({ _id: int32(3), v: int32(5) }),
        doc({ _id: int32(4), v: null }),
        doc({ _id: int32(5) }),
        doc({ _id: int32(6), v: [int32(9), int32(0)] }),
        doc({ _id: int32(7), v: { kind: 'date', ms: 0 } }),
        doc({ _id: int32(8), v: true }),
      ]);
      const order = async (direction: 1 | -1) =>
        (
          await source.find({
            ...query({
              sort: [
                { path: 'v', direction },
                { path: '_id', direction: 1 },
              ],
            }),
            namespace,
          })
        ).map((document) => relaxedText(fieldOf(document, '_id') ?? null));
      expect(await order(1)).toEqual(['4', '5', '6', '3', '1', '2', '8', '7']);
      expect(await order(-1)).toEqual(['7', '8', '2', '1', '6', '3', '4', '5']);
    });

    it('reads a database or collection that does not exist as empty', async () => {
      const nowhere = { database: harness.database('nothing'), collection: 'here' };
      expect(await source.find({ ...query({}), namespace: nowhere })).toEqual([]);
      expect(await source.count({ namespace: nowhere, criteria: doc({}), maxTimeMs: 5000 })).toBe(0);
      expect(await source.stats(nowhere, 5000)).toMatchObject({ count: 0, size: 0, avgObjSize: 0, nindexes: 0 });
    });

    it('reports statistics: the count, the BSON size of the documents, their average, and the _id index', async () => {
      const size = people10.reduce((sum, document) => sum + bsonSize(document), 0);
      const stats = await source.stats(people, 5000);
      expect(stats).toMatchObject({
        ns: `${people.database}.people`,
        count: 10,
        size,
        avgObjSize: Math.floor(size / 10),
        nindexes: 1,
      });
      expect(stats.storageSize).toBeGreaterThan(0);
      expect(stats.indexSizes._id_).toBeGreaterThan(0);
      expect(stats.totalIndexSize).toBe(stats.indexSizes._id_);
    });

    it('streams a cursor over many batches, in the order a find gives, and closes it early on request', async () => {
      const namespace = { database: harness.database('contract'), collection: 'many' };
      await source.seedIfEmpty(
        namespace,
        Array.from({ length: 1500 }, (_, n) => doc({ _id: int32(n), n: int32(1499 - n) })),
      );
      const cursor = await source.openCursor({ ...query({ sort: sortBy('n') }), namespace, limit: 1400 });
      const seen: string[] = [];
      for (let next = await cursor.next(); next !== null; next = await cursor.next())
        seen.push(relaxedText(fieldOf(next, 'n') ?? null));
      expect(seen).toHaveLength(1400);
      expect(seen.slice(0, 3)).toEqual(['0', '1', '2']);
      expect(await cursor.next()).toBeNull();
      await cursor.close();
      const early = await source.openCursor({ ...query({}), namespace });
      expect(await early.next()).not.toBeNull();
      await early.close();
      await early.close();
    });

    it('refuses a query the source cannot run with a bad-query ReaderError', async () => {
      const error = await find({ criteria: '{"name": {"$regex": "("}}' }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(ReaderError);
      expect(error).toMatchObject({ code: 'reader.bad_query', message: expect.stringMatching(/^the query could not run: /) });
    });

    it('returns masked fields masked, computed by the source after the projection, in a find and a cursor alike', async () => {
      const masked = { database: harness.database('contract'), collection: 'masked' };
      await source.seedIfEmpty(masked, [
        doc({ _id: int32(1), email: 'a😀b@x.io', phone: '0123456789', nested: doc({ email: 'z@y.org', keep: 'k' }) }),
        doc({ _id: int32(2), email: '@nolocal', phone: '12', list: [doc({ email: 'q@r.st' }), doc({ other: int32(1) })] }),
        doc({ _id: int32(3), email: int32(7), phone: null }),
        doc({ _id: int32(4) }),
      ]);
      const maskedQuery = query({
        namespace: masked,
        sort: sortBy('_id'),
        masks: [
          { path: 'email', kind: 'email' },
          { path: 'phone', kind: 'last4' },
          { path: 'nested.email', kind: 'email' },
          { path: 'list.email', kind: 'email' },
        ],
      });
      const expected = [
        '{"_id":1,"email":"a***@x.io","phone":"***6789","nested":{"email":"z***@y.org","keep":"k"}}',
        '{"_id":2,"email":"***","phone":"***","list":[{"email":"***"},{"other":1,"email":"***"}]}',
        '{"_id":3,"email":"***","phone":null}',
        '{"_id":4}',
      ];
      expect((await source.find(maskedQuery)).map((document) => relaxedText(document))).toEqual(expected);
      const cursor = await source.openCursor({ ...maskedQuery, skip: 1, limit: 2 });
      const streamed: string[] = [];
      for (let next = await cursor.next(); next !== null; next = await cursor.next()) streamed.push(relaxedText(next));
      await cursor.close();
      expect(streamed).toEqual(expected.slice(1, 3));
      const projected = await source.find({ ...maskedQuery, projection: { mode: 'include', paths: ['phone'], withId: false } });
      expect(projected.map((document) => relaxedText(document))).toEqual([
        '{"phone":"***6789"}',
        '{"phone":"***"}',
        '{"phone":null}',
        '{}',
      ]);
    });

    it('lists collections by database then name, each once, leaving out what it holds of no one', async () => {
      await source.seedIfEmpty({ database: harness.database('contract'), collection: 'alpha' }, [doc({ _id: int32(1) })]);
      await source.seedIfEmpty({ database: harness.database('other'), collection: 'zeta' }, [doc({ _id: int32(1) })]);
      const ours = (await source.listCollections()).filter((namespace) =>
        [harness.database('contract'), harness.database('other')].includes(namespace.database),
      );
      expect(ours).toEqual([
        { database: harness.database('contract'), collection: 'alpha' },
        { database: harness.database('contract'), collection: 'people' },
        { database: harness.database('other'), collection: 'zeta' },
      ]);
      expect(
        (await source.listCollections()).some((namespace) => ['admin', 'local', 'config'].includes(namespace.database)),
      ).toBe(false);
    });
  });
}
