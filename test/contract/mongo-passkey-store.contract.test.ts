import { afterAll, beforeAll } from 'vitest';
import { MongoPasskeyStore } from '../../src/adapters/mongo/mongo-passkey-store.js';
import { mongoForTests, openEmptyDatabase, type TestMongo } from '../support/mongo-for-tests.js';
import { passkeyStoreContract } from './passkey-store.contract.js';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await mongoForTests();
});
afterAll(() => mongo.stop());

passkeyStoreContract('MongoDB', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  return { store: new MongoPasskeyStore({ mongoConnection }), close: () => mongoConnection.close() };
});
