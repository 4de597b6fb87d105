import { afterAll, beforeAll } from 'vitest';
import { MongoSsoUserStore } from '../../src/adapters/mongo/mongo-sso-user-store.js';
import { mongoForTests, openEmptyDatabase, type TestMongo } from '../support/mongo-for-tests.js';
import { ssoUserStoreContract } from './sso-user-store.contract.js';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await mongoForTests();
});
afterAll(() => mongo.stop());

ssoUserStoreContract('MongoSsoUserStore', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  return { store: new MongoSsoUserStore({ mongoConnection }), close: () => mongoConnection.close() };
});
