import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoWireFake, type MongoWireFake } from '../support/mongo-wire-fake/server.js';

describe('the wire fake serves $addFields with dotted names as a server does', () => {
  let fake: MongoWireFake;
  let client: MongoClient;

  beforeAll(async () => {
    fake = await startMongoWireFake();
    client = await new MongoClient(fake.url, { serverSelectionTimeoutMS: 2000 }).connect();
    await client
      .db('fake')
      .collection<{ _id: number } & Document>('things')
      .insertMany([
        { _id: 1, inner: { a: 1 }, list: [{ a: 1 }, { b: 2 }] },
        { _id: 2, scalars: [1, 2] },
      ]);
  });
  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  it('writes the value into an embedded document, and into every document of an array', async () => {
    const [first] = await client
      .db('fake')
      .collection('things')
      .aggregate([{ $match: { _id: 1 } }, { $addFields: { 'inner.x': 'v', 'list.x': { $concat: ['w', 'v'] } } }])
      .toArray();
    expect(first).toEqual({
      _id: 1,
      inner: { a: 1, x: 'v' },
      list: [
        { a: 1, x: 'wv' },
        { b: 2, x: 'wv' },
      ],
    });
  });

  it('writes nothing for $$REMOVE', async () => {
    const [first] = await client
      .db('fake')
      .collection('things')
      .aggregate([{ $match: { _id: 1 } }, { $addFields: { 'inner.x': '$$REMOVE' } }])
      .toArray();
    expect(first).toEqual({ _id: 1, inner: { a: 1 }, list: [{ a: 1 }, { b: 2 }] });
  });

  it('refuses a dotted name through an array of other values, which it does not serve', async () => {
    const run = client
      .db('fake')
      .collection('things')
      .aggregate([{ $match: { _id: 2 } }, { $addFields: { 'scalars.x': 1 } }])
      .toArray();
    await expect(run).rejects.toThrow(/not supported by this test server/);
  });
});
