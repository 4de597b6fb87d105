import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoConnection } from '../../src/adapters/mongo/mongo-connection.js';
import { MongoDocumentSource } from '../../src/adapters/mongo/mongo-document-source.js';
import { bsonSize } from '../../src/domain/reader/bson-size.js';
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
