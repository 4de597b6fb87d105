import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crc32c } from '../support/mongo-wire-fake/crc32c.js';
import { startMongoWireFake, type MongoWireFake } from '../support/mongo-wire-fake/server.js';
import { MessageSplitter, OpCode, frameMessage, type WireMessage } from '../support/mongo-wire-fake/wire-message.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';

// These run through the official driver, so with MONGO_URL set they check that a real server
// behaves as the fake claims to.
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
    await things.createIndex({ code: 1 }, { unique: true });
    await things.insertOne({ code: 'a' });
    const error = await things.insertOne({ code: 'a' }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyPattern: { code: 1 }, keyValue: { code: 'a' } });
    expect((error as Error).message).toMatch(/E11000 duplicate key error collection: .*things index: code_1/);
  });

  it('refuses an update or upsert that would repeat a unique key', async () => {
    const things = db.collection('things');
    await things.createIndex({ code: 1 }, { unique: true });
    await things.insertMany([{ code: 'a' }, { code: 'b' }]);
    await expect(things.updateOne({ code: 'b' }, { $set: { code: 'a' } })).rejects.toMatchObject({ code: 11000 });
    await expect(things.replaceOne({ code: 'zzz' }, { code: 'b' }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
    expect(await things.countDocuments()).toBe(2);
  });

  it('refuses a unique index over values that already repeat', async () => {
    await db.collection('things').insertMany([{ code: 'a' }, { code: 'a' }]);
    await expect(db.collection('things').createIndex({ code: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
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
    await db.collection('things').createIndex({ code: 1 }, { unique: true });
    expect(await db.listCollections({}, { nameOnly: true }).toArray()).toEqual([{ name: 'things', type: 'collection' }]);
    expect(await db.collection('things').indexes()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { code: 1 }, name: 'code_1', unique: true },
    ]);
    expect(await db.collection('things').drop()).toBe(true);
    await expect(db.collection('things').indexes()).rejects.toMatchObject({ code: 26 });
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
    expect(deserialize((reply?.body as Buffer).subarray(20))).toMatchObject({
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
