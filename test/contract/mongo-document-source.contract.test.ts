import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoConnection } from '../../src/adapters/mongo/mongo-connection.js';
import { MongoDocumentSource } from '../../src/adapters/mongo/mongo-document-source.js';
import type { Document } from 'bson';
import { bsonSize } from '../../src/domain/reader/bson-size.js';
import { ALL_FIELDS } from '../../src/domain/reader/projection.js';
import { mongoForTests, type TestMongo } from '../support/mongo-for-tests.js';
import { startMongoWireFake } from '../support/mongo-wire-fake/server.js';
import { doc } from '../support/reader-values.js';
import { documentSourceContract } from './document-source.contract.js';

const quiet = { info() {}, warn() {}, error() {} };

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await mongoForTests();
});
afterAll(() => mongo.stop());

documentSourceContract('MongoDocumentSource', async () => {
  const mongoConnection = new MongoConnection({ config: { mongoUrl: mongo.url }, logger: quiet });
  await mongoConnection.open();
  const used = new Set<string>();
  const database = (name: string) => {
    const real = `${mongo.dbName}_${name}`;
    used.add(real);
    return real;
  };
  for (const name of ['contract', 'nothing', 'other']) await mongoConnection.databaseNamed(database(name)).dropDatabase();
  return {
    source: new MongoDocumentSource({ mongoConnection }),
    database,
    async close() {
      for (const name of used) await mongoConnection.databaseNamed(name).dropDatabase();
      await mongoConnection.close();
    },
  };
});

describe('MongoDocumentSource and the time limit', () => {
  it('sends maxTimeMS with every find, count and aggregate, and none with getMore (a server refuses it there)', async () => {
    const sent: Document[] = [];
    const fake = await startMongoWireFake({ onCommand: (command) => sent.push(command) });
    const mongoConnection = new MongoConnection({ config: { mongoUrl: `${fake.url}/signet` }, logger: quiet });
    try {
      await mongoConnection.open();
      const source = new MongoDocumentSource({ mongoConnection });
      const namespace = { database: 'limits', collection: 'c' };
      await source.seedIfEmpty(
        namespace,
        Array.from({ length: 1500 }, (_, n) => doc({ _id: { kind: 'int32', value: n } })),
      );
      sent.length = 0;
      const query = { namespace, criteria: doc({}), projection: ALL_FIELDS, sort: [], skip: 0, limit: 1500, maxTimeMs: 1234 };
      await source.find(query);
      await source.count({ namespace, criteria: doc({}), maxTimeMs: 1234 });
      await source.stats(namespace, 1234);
      const cursor = await source.openCursor(query);
      while ((await cursor.next()) !== null);
      await cursor.close();
      const reads = sent.filter((command) => ['find', 'aggregate'].includes(Object.keys(command)[0] ?? ''));
      expect(reads.length).toBeGreaterThanOrEqual(4);
      for (const command of reads) expect(command.maxTimeMS, JSON.stringify(command)).toBe(1234);
      const getMores = sent.filter((command) => 'getMore' in command);
      expect(getMores.length).toBeGreaterThan(0);
      for (const command of getMores) expect(command.maxTimeMS).toBeUndefined();
    } finally {
      await mongoConnection.close();
      await fake.stop();
    }
  });
});

describe('MongoDocumentSource on a server without the $collStats stage', () => {
  it('falls back to the collStats command, with the same statistics', async () => {
    const old = await startMongoWireFake({ missingStages: ['$collStats'] });
    const mongoConnection = new MongoConnection({ config: { mongoUrl: `${old.url}/signet` }, logger: quiet });
    try {
      await mongoConnection.open();
      const source = new MongoDocumentSource({ mongoConnection });
      const documents = [
        doc({ _id: { kind: 'int32', value: 1 }, name: 'a' }),
        doc({ _id: { kind: 'int32', value: 2 }, name: 'bb' }),
      ];
      await source.seedIfEmpty({ database: 'old', collection: 'c' }, documents);
      const size = documents.reduce((sum, document) => sum + bsonSize(document), 0);
      expect(await source.stats({ database: 'old', collection: 'c' }, 5000)).toMatchObject({
        ns: 'old.c',
        count: 2,
        size,
        nindexes: 1,
      });
    } finally {
      await mongoConnection.close();
      await old.stop();
    }
  });
});
