import { afterAll, beforeAll } from 'vitest';
import { MongoUserDirectory } from '../../src/adapters/mongo/mongo-user-directory.js';
import { mongoForTests, openEmptyDatabase, type TestMongo } from '../support/mongo-for-tests.js';
import { userDirectoryContract } from './user-directory.contract.js';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await mongoForTests();
});
afterAll(() => mongo.stop());

userDirectoryContract('MongoUserDirectory', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  return { directory: new MongoUserDirectory({ mongoConnection }), close: () => mongoConnection.close() };
});
