import { connect, type Socket } from 'node:net';
import { Long, ObjectId, calculateObjectSize, deserialize, serialize, type Document } from 'bson';
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { servedCommands } from '../support/mongo-wire-fake/commands/run-command.js';
import { crc32c } from '../support/mongo-wire-fake/crc32c.js';
import { startMongoWireFake, type MongoWireFake } from '../support/mongo-wire-fake/server.js';
import { MessageSplitter, OpCode, frameMessage, type WireMessage } from '../support/mongo-wire-fake/wire-message.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';

/*
 * The first suites run through the official driver against mongoForTests(): the in-memory wire
 * fake, or with MONGO_URL set a real standalone MongoDB 7.0, so the same assertions check that the
 * fake answers as the real server does. The fake serves exactly these commands:
 *   hello (isMaster, ismaster), ping, buildInfo (buildinfo), endSessions,
 *   find, getMore, killCursors, count, aggregate (with $collStats first), collStats,
 *   insert, update, delete, findAndModify,
 *   createIndexes, listIndexes, listCollections, listDatabases, create, drop, dropDatabase,
 *   commitTransaction and abortTransaction (refused: a standalone has no transactions).
 * Any other command gets CommandNotFound. A field a command does not take gets the server's
 * Location40415; a field a real server honours but the fake cannot (collation other than simple,
 * index options other than unique, `let`, `$where`, $out...) gets a BadValue saying so.
 *
 * Where the fake refuses what a real server does, a test says both, under `runsAgainstTheFake`.
 * Started with `missingStages`, the fake answers those pipeline stages as unknown, standing in for a
 * MongoDB-compatible server that lacks them (the reader's `$collStats` fallback is tested so).
 */
const runsAgainstTheFake = !process.env.MONGO_URL;

/** The error a promise rejects with (a test fails if it resolves). */
async function failureOf(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof MongoServerError)) throw new Error(`expected a server error, got ${String(error)}`);
  return error;
}

/** A cursor id as the int64 a server expects back: the driver turns small ones into numbers. */
function asLong(value: unknown): Long {
  if (value instanceof Long) return value;
  if (typeof value === 'number') return Long.fromNumber(value);
  throw new Error(`not a cursor id: ${String(value)}`);
}

const refusedByTheFake = { code: 2, codeName: 'BadValue', message: expect.stringContaining('not supported by this test server') };

describe('the MongoDB the contract suites run against', () => {
  let mongo: TestMongo;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    mongo = await mongoForTests();
    client = new MongoClient(mongo.url, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    db = client.db();
  });
  afterAll(async () => {
    await client.close();
    await mongo.stop();
  });
  beforeEach(async () => {
    await db.dropDatabase();
  });

  it('answers an unknown command with CommandNotFound', async () => {
    await expect(db.command({ noSuchCommandHere: 1 })).rejects.toMatchObject({
      ok: 0,
      code: 59,
      codeName: 'CommandNotFound',
      errmsg: expect.stringContaining('noSuchCommandHere'),
    });
  });

  it('refuses an insert that repeats a unique key with a duplicate-key error', async () => {
    const things = db.collection('things');
    await things.createIndex({ code: 1 }, { unique: true }, undefined);
    await things.insertOne({ code: 'a' });
    const error = await things.insertOne({ code: 'a' }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyPattern: { code: 1 }, keyValue: { code: 'a' } });
    expect((error as Error).message).toMatch(/E11000 duplicate key error collection: .*things index: code_1/);
  });

  it('refuses an update or upsert that would repeat a unique key', async () => {
    const things = db.collection('things');
    await things.createIndex({ code: 1 }, { unique: true }, undefined);
    await things.insertMany([{ code: 'a' }, { code: 'b' }]);
    await expect(things.updateOne({ code: 'b' }, { $set: { code: 'a' } })).rejects.toMatchObject({ code: 11000 });
    await expect(things.replaceOne({ code: 'zzz' }, { code: 'b' }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
    expect(await things.countDocuments()).toBe(2);
  });

  it('refuses a unique index over values that already repeat', async () => {
    await db.collection('things').insertMany([{ code: 'a' }, { code: 'a' }]);
    await expect(db.collection('things').createIndex({ code: 1 }, { unique: true }, undefined)).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('stores _id first and reports upserts, matches and modifications as a server does', async () => {
    const things = db.collection('things');
    await things.insertOne({ code: 'a', n: 1 });
    expect(Object.keys((await things.findOne({ code: 'a' })) ?? {})[0]).toBe('_id');

    const upsert = await things.replaceOne({ code: 'b' }, { code: 'b', n: 2 }, { upsert: true });
    expect(upsert).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    expect(upsert.upsertedId).not.toBeNull();
    expect(await things.replaceOne({ code: 'b' }, { code: 'b', n: 2 })).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    expect(await things.updateOne({ code: 'b' }, { $set: { n: 3 } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await things.updateOne({ code: 'none' }, { $set: { n: 3 } })).toMatchObject({ matchedCount: 0, upsertedCount: 0 });
  });

  it('applies $set, $unset, $addToSet and $pull with $in to every matching document', async () => {
    const things = db.collection<{ code: string; tags: string[]; gone?: number }>('things');
    await things.insertMany([
      { code: 'a', tags: ['x', 'y', 'z'], gone: 1 },
      { code: 'b', tags: ['y'], gone: 1 },
      { code: 'c', tags: ['w'] },
    ]);
    await things.updateMany({ tags: { $in: ['x', 'y'] } }, { $pull: { tags: { $in: ['x', 'y'] } } });
    await things.updateMany({}, { $addToSet: { tags: 'w' }, $unset: { gone: '' }, $set: { 'meta.seen': true } });
    expect(
      await things
        .find({}, { projection: { _id: 0 } })
        .sort({ code: 1 })
        .toArray(),
    ).toEqual([
      { code: 'a', tags: ['z', 'w'], meta: { seen: true } },
      { code: 'b', tags: ['w'], meta: { seen: true } },
      { code: 'c', tags: ['w'], meta: { seen: true } },
    ]);
  });

  it('serves results larger than one batch through getMore and closes an abandoned cursor', async () => {
    const things = db.collection('things');
    await things.insertMany(Array.from({ length: 250 }, (_, n) => ({ n })));
    const all = await things
      .find({}, { projection: { _id: 0, n: 1 } })
      .sort({ n: -1 })
      .toArray();
    expect(all).toHaveLength(250);
    expect(all[0]).toEqual({ n: 249 });
    const cursor = things.find({}).batchSize(2);
    await cursor.next();
    await cursor.next();
    await cursor.next();
    await expect(cursor.close()).resolves.toBeUndefined();
  });

  it('counts, skips, limits, deletes and finds-and-modifies', async () => {
    const things = db.collection('things');
    await things.insertMany(Array.from({ length: 10 }, (_, n) => ({ n, even: n % 2 === 0 })));
    expect(await things.countDocuments({ even: true })).toBe(5);
    expect(await things.countDocuments({}, { skip: 8 })).toBe(2);
    expect(
      await things
        .find({})
        .sort({ n: 1 })
        .skip(3)
        .limit(2)
        .map((thing) => thing.n)
        .toArray(),
    ).toEqual([3, 4]);
    const updated = await things.findOneAndUpdate(
      { n: 4 },
      { $set: { seen: true } },
      { returnDocument: 'after', projection: { _id: 0 } },
    );
    expect(updated).toEqual({ n: 4, even: true, seen: true });
    expect(await things.deleteMany({ even: true })).toMatchObject({ deletedCount: 5 });
    expect(await things.deleteOne({ n: { $gt: 0 } })).toMatchObject({ deletedCount: 1 });
    expect(await things.estimatedDocumentCount()).toBe(4);
  });

  it('lists, and drops, collections and their indexes', async () => {
    await db.collection('things').createIndex({ code: 1 }, { unique: true }, undefined);
    expect(await db.listCollections({}, { nameOnly: true }).toArray()).toEqual([{ name: 'things', type: 'collection' }]);
    expect(await db.collection('things').indexes()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { code: 1 }, name: 'code_1', unique: true },
    ]);
    expect(await db.collection('things').drop()).toBe(true);
    await expect(db.collection('things').indexes()).rejects.toMatchObject({ code: 26 });
  });

  describe('refuses what a standalone refuses', () => {
    it('refuses an unknown field of a command or of a statement with Location40415', async () => {
      await expect(db.command({ find: 'things', bogus: 1 })).rejects.toMatchObject({
        code: 40415,
        codeName: 'Location40415',
        errmsg: "BSON field 'find.bogus' is an unknown field.",
      });
      await expect(db.command({ count: 'things', bogus: 1 })).rejects.toMatchObject({ code: 40415 });
      await expect(db.command({ aggregate: 'things', pipeline: [], cursor: {}, bogus: 1 })).rejects.toMatchObject({
        code: 40415,
      });
      await expect(db.command({ update: 'things', updates: [{ q: {}, u: { $set: { a: 1 } }, bogus: 1 }] })).rejects.toMatchObject(
        { code: 40415, errmsg: "BSON field 'update.updates.bogus' is an unknown field." },
      );
    });

    it('refuses a writeConcern on a command that does not write', async () => {
      await expect(db.command({ find: 'things', writeConcern: { w: 1 } })).rejects.toMatchObject({
        code: 72,
        codeName: 'InvalidOptions',
      });
    });

    it('refuses a hint naming no index, and takes one naming an index by name or key', async () => {
      const things = db.collection('things');
      await things.createIndex({ code: 1 }, { unique: true }, undefined);
      await things.insertMany([{ code: 'a' }, { code: 'b' }]);
      const refusal = {
        code: 2,
        codeName: 'BadValue',
        message: expect.stringContaining('hint provided does not correspond to an existing index'),
      };
      expect(await failureOf(things.find({}, { hint: 'nope_1' }).toArray())).toMatchObject(refusal);
      expect(await failureOf(things.find({}, { hint: { nope: 1 } }).toArray())).toMatchObject(refusal);
      expect(await failureOf(things.countDocuments({}, { hint: 'nope_1' }))).toMatchObject(refusal);
      expect(await failureOf(db.command({ count: 'things', hint: 'nope_1' }))).toMatchObject(refusal);
      expect(await things.find({}, { hint: 'code_1' }).toArray()).toHaveLength(2);
      expect(await things.countDocuments({ code: 'a' }, { hint: { code: 1 } })).toBe(1);
      expect(await things.find({}, { hint: { $natural: -1 }, projection: { _id: 0 } }).toArray()).toEqual([
        { code: 'b' },
        { code: 'a' },
      ]);
    });

    it('refuses a transaction, so nothing written inside one stands', async () => {
      // A standalone has no transactions; a replica set would commit this (the suite expects a standalone).
      const things = db.collection('things');
      const session = client.startSession();
      try {
        const error = await failureOf(session.withTransaction(() => things.insertOne({ code: 'in a transaction' }, { session })));
        // The driver rewords this server error (code 20) as advice about retryable writes, keeping the original.
        expect(error).toMatchObject({
          originalError: {
            code: 20,
            codeName: 'IllegalOperation',
            message: 'Transaction numbers are only allowed on a replica set member or mongos',
          },
        });
      } finally {
        await session.endSession();
      }
      expect(await things.countDocuments()).toBe(0);
    });

    it('refuses an index option it does not know with InvalidIndexSpecificationOption', async () => {
      const error = await failureOf(
        db.command({ createIndexes: 'things', indexes: [{ key: { code: 1 }, name: 'code_1', bogus: 1 }] }),
      );
      expect(error).toMatchObject({ code: 197, codeName: 'InvalidIndexSpecificationOption' });
      expect(error.message).toContain("The field 'bogus' is not valid for an index specification");
    });

    it('refuses a pipeline stage it does not know, and $collStats anywhere but first', async () => {
      const things = db.collection('things');
      await things.insertOne({ code: 'a' });
      expect(await failureOf(things.aggregate([{ $bogus: {} }]).toArray())).toMatchObject({ code: 40324 });
      expect(await failureOf(things.aggregate([{ $match: {} }, { $collStats: { storageStats: {} } }]).toArray())).toMatchObject({
        code: 40602,
      });
    });
  });

  describe('honours or refuses, never ignores, what only the real server can do', () => {
    it('takes the simple collation; any other one the fake refuses and a server applies', async () => {
      const things = db.collection('things');
      await things.insertMany([{ name: 'a' }, { name: 'A' }]);
      expect(await things.countDocuments({ name: 'a' }, { collation: { locale: 'simple' } })).toBe(1);
      const caseless = things.find({ name: 'a' }, { collation: { locale: 'en', strength: 2 } }).toArray();
      if (runsAgainstTheFake) expect(await failureOf(caseless)).toMatchObject(refusedByTheFake);
      else expect(await caseless).toHaveLength(2);
    });

    it('takes background on an index; TTL, sparse and partial indexes the fake refuses rather than pretend', async () => {
      const things = db.collection('things');
      await expect(things.createIndex({ code: 1 }, { background: true }, undefined)).resolves.toBe('code_1');
      const options = [{ expireAfterSeconds: 60 }, { sparse: true }, { partialFilterExpression: { code: { $exists: true } } }];
      for (const [index, option] of options.entries()) {
        const created = things.createIndex({ [`field${index}`]: 1 }, option, undefined);
        if (runsAgainstTheFake) expect(await failureOf(created)).toMatchObject(refusedByTheFake);
        else await expect(created).resolves.toBe(`field${index}_1`);
      }
    });

    it('refuses $where and $function, which the fake would have to run as JavaScript', async () => {
      const things = db.collection('things');
      await things.insertMany([{ n: 1 }, { n: 2 }]);
      const where = things.find({ $where: 'this.n > 1' }).toArray();
      const fn = things
        .aggregate([{ $match: { $expr: { $function: { body: 'function (n) { return n > 1; }', args: ['$n'], lang: 'js' } } } }])
        .toArray();
      if (runsAgainstTheFake) {
        expect(await failureOf(where)).toMatchObject(refusedByTheFake);
        expect(await failureOf(fn)).toMatchObject(refusedByTheFake);
      } else {
        expect(await where).toHaveLength(1);
        expect(await fn).toHaveLength(1);
      }
    });

    it('refuses $out, and a $lookup into another database', async () => {
      const things = db.collection('things');
      await things.insertOne({ n: 1 });
      const out = things.aggregate([{ $out: 'copies' }]).toArray();
      if (runsAgainstTheFake) expect(await failureOf(out)).toMatchObject(refusedByTheFake);
      else await expect(out).resolves.toEqual([]);
      // A standalone 7.0 refuses this too, for most namespaces; only the fake's reason is asserted.
      const lookup = failureOf(
        things
          .aggregate([{ $lookup: { from: { db: 'elsewhere', coll: 'other' }, localField: 'n', foreignField: 'n', as: 'found' } }])
          .toArray(),
      );
      if (runsAgainstTheFake) expect(await lookup).toMatchObject(refusedByTheFake);
      else expect(await lookup).toBeInstanceOf(MongoServerError);
    });
  });

  describe('serves what the reader needs as a standalone 7.0 does', () => {
    it('sorts strings by their UTF-8 bytes, not by UTF-16 code units', async () => {
      const things = db.collection<{ s: string }>('things');
      // UTF-8 puts U+1F600 (F0 9F 98 80) after U+FF5E (EF BD 9E); UTF-16 puts it first (D83D < FF5E).
      await things.insertMany([{ s: '\u{1F600}' }, { s: '\uFF5E' }, { s: 'é' }, { s: 'z' }, { s: 'Z' }]);
      const ascending = await things
        .find({}, { projection: { _id: 0 } })
        .sort({ s: 1 })
        .map(({ s }) => s)
        .toArray();
      expect(ascending).toEqual(['Z', 'z', 'é', '\uFF5E', '\u{1F600}']);
      const descending = await things
        .find({})
        .sort({ s: -1 })
        .map(({ s }) => s)
        .toArray();
      expect(descending).toEqual([...ascending].reverse());
      const sorted = await things.aggregate<{ s: string }>([{ $sort: { s: 1 } }, { $project: { _id: 0 } }]).toArray();
      expect(sorted.map(({ s }) => s)).toEqual(ascending);
    });

    it('sorts values of different types in BSON order, and arrays by their smallest or largest element', async () => {
      const things = db.collection('things');
      const id = new ObjectId('000000000000000000000001');
      await things.insertMany([
        { k: 'date', v: new Date(0) },
        { k: 'true', v: true },
        { k: 'id', v: id },
        { k: 'object', v: { x: 1 } },
        { k: 'string', v: 'a' },
        { k: 'double', v: 1.5 },
        { k: 'int', v: 2 },
        { k: 'null', v: null },
      ]);
      const order = await things
        .find({})
        .sort({ v: 1 })
        .map(({ k }) => String(k))
        .toArray();
      expect(order).toEqual(['null', 'double', 'int', 'string', 'object', 'id', 'true', 'date']);

      await db.collection('lists').insertMany([
        { k: 'a', v: [1, 2] },
        { k: 'b', v: [3, 0] },
      ]);
      const lists = db.collection('lists');
      expect(
        await lists
          .find({})
          .sort({ v: 1 })
          .map(({ k }) => String(k))
          .toArray(),
      ).toEqual(['b', 'a']);
      expect(
        await lists
          .find({})
          .sort({ v: -1 })
          .map(({ k }) => String(k))
          .toArray(),
      ).toEqual(['b', 'a']);
    });

    it('counts with count, countDocuments and estimatedDocumentCount, with maxTimeMS', async () => {
      const things = db.collection('things');
      expect(await things.estimatedDocumentCount()).toBe(0);
      expect(await things.countDocuments()).toBe(0);
      await things.insertMany(Array.from({ length: 10 }, (_, n) => ({ n })));
      expect(await things.estimatedDocumentCount({ maxTimeMS: 1000 })).toBe(10);
      expect(await things.countDocuments({ n: { $gte: 3 } }, { skip: 2, limit: 4, maxTimeMS: 1000 })).toBe(4);
      expect(await things.countDocuments({ n: { $gte: 8 } }, { skip: 1, limit: 4 })).toBe(1);
      expect(await db.command({ count: 'things', query: { n: { $lt: 5 } }, skip: 1, limit: 2, maxTimeMS: 1000 })).toMatchObject({
        n: 2,
        ok: 1,
      });
      expect(await db.command({ count: 'missing' })).toMatchObject({ n: 0, ok: 1 });
      expect(await things.find({ n: 1 }, { maxTimeMS: 1000 }).toArray()).toHaveLength(1);
      await expect(things.insertOne({ n: 10 }, { maxTimeMS: 1000 })).resolves.toMatchObject({ acknowledged: true });
    });

    it("reports a collection's storage statistics through $collStats and collStats", async () => {
      const things = db.collection('things');
      await things.createIndex({ code: 1 }, { unique: true }, undefined);
      await things.insertMany(Array.from({ length: 5 }, (_, n) => ({ code: `code-${n}`, payload: 'x'.repeat(n * 100) })));
      const [stats] = await things.aggregate([{ $collStats: { storageStats: {} } }]).toArray();
      expect(stats).toMatchObject({
        ns: `${mongo.dbName}.things`,
        host: expect.any(String),
        localTime: expect.any(Date),
        storageStats: {
          count: 5,
          size: expect.any(Number),
          avgObjSize: expect.any(Number),
          storageSize: expect.any(Number),
          totalIndexSize: expect.any(Number),
          totalSize: expect.any(Number),
          nindexes: 2,
          indexSizes: { _id_: expect.any(Number), code_1: expect.any(Number) },
        },
      });
      const legacy = await db.command({ collStats: 'things' });
      expect(legacy).toMatchObject({ ns: `${mongo.dbName}.things`, count: 5, nindexes: 2, ok: 1 });

      if (runsAgainstTheFake) {
        // The fake's numbers are exact for size and count, and its documented approximation for the files.
        const stored = await things.find({}).toArray();
        const size = stored.reduce((sum, document) => sum + calculateObjectSize(document), 0);
        const pages = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096)) * 4096;
        const idEntries = stored.reduce((sum, { _id }) => sum + calculateObjectSize({ _id }) + 8, 0);
        const codeEntries = stored.reduce((sum, { code }) => sum + calculateObjectSize({ code }) + 8, 0);
        const expected = {
          size,
          count: 5,
          avgObjSize: Math.floor(size / 5),
          storageSize: pages(size),
          indexSizes: { _id_: pages(idEntries), code_1: pages(codeEntries) },
          totalIndexSize: pages(idEntries) + pages(codeEntries),
          totalSize: pages(size) + pages(idEntries) + pages(codeEntries),
        };
        expect(stats?.storageStats).toMatchObject(expected);
        expect(legacy).toMatchObject(expected);
      }
    });

    it('answers $collStats on a missing collection with NamespaceNotFound, and collStats with zeros', async () => {
      const error = await failureOf(
        db
          .collection('missing')
          .aggregate([{ $collStats: { storageStats: {} } }])
          .toArray(),
      );
      expect(error).toMatchObject({ code: 26, codeName: 'NamespaceNotFound' });
      expect(error.message).toContain(`Collection [${mongo.dbName}.missing] not found.`);
      expect(await db.command({ collStats: 'missing' })).toMatchObject({ size: 0, count: 0, nindexes: 0, ok: 1 });
    });

    it('lists the databases that hold a collection, on the admin database only', async () => {
      await db.collection('things').insertOne({ n: 1 });
      const admin = client.db('admin').admin();
      const { databases } = await admin.listDatabases({ nameOnly: true, authorizedDatabases: true });
      expect(databases.map(({ name }) => name)).toContain(mongo.dbName);
      const full = await admin.listDatabases();
      expect(full.databases.find(({ name }) => name === mongo.dbName)).toMatchObject({
        sizeOnDisk: expect.any(Number),
        empty: false,
      });
      expect(full.totalSize).toEqual(expect.any(Number));
      await expect(db.command({ listDatabases: 1 })).rejects.toMatchObject({ code: 13, codeName: 'Unauthorized' });
      await db.dropDatabase();
      const after = await admin.listDatabases({ nameOnly: true });
      expect(after.databases.map(({ name }) => name)).not.toContain(mongo.dbName);
      if (runsAgainstTheFake) {
        // A real server always lists admin, config and local too; the fake holds none of them.
        expect(databases.map(({ name }) => name)).toEqual([mongo.dbName]);
      }
    });

    it("serves getMore in the batch size asked, only for the cursor's own collection, and kills cursors", async () => {
      const things = db.collection('things');
      await things.insertMany(Array.from({ length: 10 }, (_, n) => ({ n })));
      const opened = await db.command({ find: 'things', sort: { n: 1 }, projection: { _id: 0 }, batchSize: 2 });
      expect(opened.cursor.firstBatch).toHaveLength(2);
      const id = asLong(opened.cursor.id);
      expect(id.isZero()).toBe(false);

      const next = await db.command({ getMore: id, collection: 'things', batchSize: 3 });
      expect(next.cursor.nextBatch).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
      await expect(db.command({ getMore: id, collection: 'others' })).rejects.toMatchObject({
        code: 13,
        codeName: 'Unauthorized',
      });
      await expect(db.command({ getMore: id, collection: 'things', maxTimeMS: 1000 })).rejects.toMatchObject({ code: 2 });

      const killed = await db.command({ killCursors: 'things', cursors: [id] });
      expect(killed.cursorsKilled).toHaveLength(1);
      expect(asLong(killed.cursorsKilled[0])).toEqual(id);
      await expect(db.command({ getMore: id, collection: 'things' })).rejects.toMatchObject({
        code: 43,
        codeName: 'CursorNotFound',
      });
    });
  });
});

/** A bare TCP client that sends hand-built frames and reads whole replies. */
class RawClient {
  private readonly splitter = new MessageSplitter();
  private readonly received: WireMessage[] = [];
  private waiting: ((message: WireMessage | null) => void) | undefined;
  private ended = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const message of this.splitter.push(chunk)) this.deliver(message);
    });
    socket.on('close', () => {
      this.ended = true;
      this.waiting?.(null);
    });
  }

  static async connect(url: string): Promise<RawClient> {
    const port = Number(new URL(url).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawClient(socket);
  }

  send(frame: Buffer): void {
    this.socket.write(frame);
  }

  /** The next message, or null once the server has closed the connection. */
  next(): Promise<WireMessage | null> {
    const queued = this.received.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(message: WireMessage): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(message);
    else this.received.push(message);
  }
}

function opQuery(requestId: number, namespace: string, query: Document): Buffer {
  const flags = Buffer.alloc(4);
  const name = Buffer.from(`${namespace}\0`, 'utf8');
  const counts = Buffer.alloc(8);
  counts.writeInt32LE(-1, 4);
  return frameMessage(OpCode.query, requestId, 0, Buffer.concat([flags, name, counts, serialize(query)]));
}

function opMsg(
  requestId: number,
  body: Document,
  options: { sequences?: Record<string, Document[]>; checksum?: boolean; moreToCome?: boolean } = {},
): Buffer {
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE((options.checksum ? 1 : 0) | (options.moreToCome ? 2 : 0));
  const sections = [Buffer.from([0]), serialize(body)];
  for (const [identifier, documents] of Object.entries(options.sequences ?? {})) {
    const payload = Buffer.concat([Buffer.from(`${identifier}\0`, 'utf8'), ...documents.map((document) => serialize(document))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + payload.length);
    sections.push(Buffer.from([1]), size, payload);
  }
  const checksum = Buffer.alloc(options.checksum ? 4 : 0);
  const frame = frameMessage(OpCode.msg, requestId, 0, Buffer.concat([flags, ...sections, checksum]));
  if (options.checksum) frame.writeUInt32LE(crc32c(frame.subarray(0, frame.length - 4)), frame.length - 4);
  return frame;
}

function opMsgReply(message: WireMessage | null): Document {
  expect(message?.header.opCode).toBe(OpCode.msg);
  expect(message?.body.readUInt32LE(0)).toBe(0);
  expect(message?.body[4]).toBe(0);
  return deserialize((message as WireMessage).body.subarray(5));
}

describe('the MongoDB wire fake on the wire', () => {
  let fake: MongoWireFake;
  let raw: RawClient;

  beforeAll(async () => {
    fake = await startMongoWireFake();
  });
  afterAll(() => fake.stop());
  beforeEach(async () => {
    raw = await RawClient.connect(fake.url);
  });
  afterEach(() => raw.close());

  it('started with missing stages, answers them as a server without them does: unknown, Location40324', async () => {
    const old = await startMongoWireFake({ missingStages: ['$collStats'] });
    const oldClient = new MongoClient(`${old.url}/stand_in`, { serverSelectionTimeoutMS: 5000 });
    try {
      const things = oldClient.db().collection('things');
      await things.insertOne({ n: 1 });
      await expect(things.aggregate([{ $collStats: { storageStats: {} } }]).toArray()).rejects.toMatchObject({
        code: 40324,
        message: "Unrecognized pipeline stage name: '$collStats'",
      });
      expect(await oldClient.db().command({ collStats: 'things' })).toMatchObject({ count: 1, ok: 1 });
      expect(await things.countDocuments()).toBe(1);
    } finally {
      await oldClient.close();
      await old.stop();
    }
  });

  it('serves exactly the commands the header of this file lists', () => {
    expect([...servedCommands].sort()).toEqual(
      [
        'hello',
        'isMaster',
        'ismaster',
        'ping',
        'buildInfo',
        'buildinfo',
        'endSessions',
        'find',
        'getMore',
        'killCursors',
        'count',
        'aggregate',
        'collStats',
        'insert',
        'update',
        'delete',
        'findAndModify',
        'createIndexes',
        'listIndexes',
        'listCollections',
        'listDatabases',
        'create',
        'drop',
        'dropDatabase',
        'commitTransaction',
        'abortTransaction',
      ].sort(),
    );
  });

  it('computes the standard CRC-32C check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('answers a legacy hello over OP_QUERY with an OP_REPLY describing a writable standalone', async () => {
    raw.send(opQuery(7, 'admin.$cmd', { ismaster: 1, helloOk: true }));
    const reply = await raw.next();
    expect(reply?.header).toMatchObject({ opCode: OpCode.reply, responseTo: 7 });
    const body = reply?.body as Buffer;
    expect(body.readBigInt64LE(4)).toBe(0n);
    expect(body.readInt32LE(16)).toBe(1);
    expect(deserialize(body.subarray(20))).toMatchObject({
      ok: 1,
      ismaster: true,
      helloOk: true,
      minWireVersion: 0,
      maxWireVersion: 21,
    });
  });

  it('refuses any other command over OP_QUERY, as servers since 6.0 do', async () => {
    raw.send(opQuery(8, 'app.$cmd', { find: 'things' }));
    const reply = await raw.next();
    expect(deserialize((reply!.body as Buffer).subarray(20))).toMatchObject({
      ok: 0,
      code: 352,
      codeName: 'UnsupportedOpQueryCommand',
    });
  });

  it('reads kind 1 document sequences and verifies a CRC-32C checksum', async () => {
    raw.send(opMsg(9, { insert: 'things', $db: 'app' }, { sequences: { documents: [{ _id: 1 }, { _id: 2 }] }, checksum: true }));
    const inserted = await raw.next();
    expect(inserted?.header.responseTo).toBe(9);
    expect(opMsgReply(inserted)).toEqual({ n: 2, ok: 1 });
    raw.send(opMsg(10, { count: 'things', $db: 'app' }));
    expect(opMsgReply(await raw.next())).toEqual({ n: 2, ok: 1 });
  });

  it('drops the connection when a checksum does not match', async () => {
    const frame = opMsg(11, { ping: 1, $db: 'admin' }, { checksum: true });
    frame.writeUInt32LE((frame.readUInt32LE(frame.length - 4) ^ 1) >>> 0, frame.length - 4);
    raw.send(frame);
    expect(await raw.next()).toBeNull();
  });

  it('does not reply to a message flagged moreToCome, yet carries it out', async () => {
    raw.send(opMsg(12, { insert: 'quiet', documents: [{ _id: 'x' }], $db: 'app' }, { moreToCome: true }));
    raw.send(opMsg(13, { count: 'quiet', $db: 'app' }));
    const reply = await raw.next();
    expect(reply?.header.responseTo).toBe(13);
    expect(opMsgReply(reply)).toEqual({ n: 1, ok: 1 });
  });

  it('answers an OP_MSG without $db with an error instead of guessing a database', async () => {
    raw.send(opMsg(14, { ping: 1 }));
    expect(opMsgReply(await raw.next())).toMatchObject({ ok: 0, code: 40571 });
  });
});
