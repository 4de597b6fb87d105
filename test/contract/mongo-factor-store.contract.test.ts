import { afterAll, beforeAll, expect, it } from 'vitest';
import { MongoFactorStore } from '../../src/adapters/mongo/mongo-factor-store.js';
import { SecretCipher } from '../../src/adapters/mongo/secret-cipher.js';
import { mongoForTests, openEmptyDatabase, type TestMongo } from '../support/mongo-for-tests.js';
import { aFactor, factorStoreContract } from './factor-store.contract.js';

const secretCipher = new SecretCipher({ config: { masterKey: '5a'.repeat(32) } });

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await mongoForTests();
});
afterAll(() => mongo.stop());

factorStoreContract('MongoFactorStore', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  return { store: new MongoFactorStore({ mongoConnection, secretCipher }), close: () => mongoConnection.close() };
});

it('keeps TOTP secrets encrypted at rest, bound to their user and id, and recovery codes as digests only', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  try {
    const store = new MongoFactorStore({ mongoConnection, secretCipher });
    await store.addFactor(aFactor());
    await store.replaceRecoveryCodes('ada', ['the-digest']);
    const raw = JSON.stringify(await mongoConnection.db.collection('user_factors').find({}).toArray());
    expect(raw).not.toContain(aFactor().secret);
    const otherKey = new SecretCipher({ config: { masterKey: '01'.repeat(32) } });
    await expect(new MongoFactorStore({ mongoConnection, secretCipher: otherKey }).listFactors('ada')).rejects.toThrow(
      /cannot be decrypted/,
    );
    // A sealed secret copied to another user's record does not open there.
    const [stored] = await mongoConnection.db.collection('user_factors').find({}).toArray();
    await mongoConnection.db
      .collection('user_factors')
      .insertOne({ ...aFactor({ id: 'copied', username: 'mallory' }), secret: undefined, sealedSecret: stored?.sealedSecret });
    await expect(store.listFactors('mallory')).rejects.toThrow(/cannot be decrypted/);
  } finally {
    await mongoConnection.close();
  }
});
