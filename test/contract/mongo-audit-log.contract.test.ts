import { afterAll, beforeAll } from 'vitest';
import { MongoAuditLog } from '../../src/adapters/mongo/mongo-audit-log.js';
import { mongoForTests, openEmptyDatabase, type TestMongo } from '../support/mongo-for-tests.js';
import { auditLogContract } from './audit-log.contract.js';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await mongoForTests();
});
afterAll(() => mongo.stop());

auditLogContract('MongoAuditLog', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  return { log: new MongoAuditLog({ mongoConnection }), close: () => mongoConnection.close() };
});
