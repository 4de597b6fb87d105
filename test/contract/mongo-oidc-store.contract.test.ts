import { afterAll, beforeAll, expect, it } from 'vitest';
import { MongoOidcClientStore } from '../../src/adapters/mongo/mongo-oidc-client-store.js';
import { MongoSigningKeyStore } from '../../src/adapters/mongo/mongo-signing-key-store.js';
import { SecretCipher } from '../../src/adapters/mongo/secret-cipher.js';
import { mongoForTests, openEmptyDatabase, type TestMongo } from '../support/mongo-for-tests.js';
import { anOidcClient, oidcStoreContract } from './oidc-store.contract.js';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await mongoForTests();
});
afterAll(() => mongo.stop());

const secretCipher = new SecretCipher({ config: { masterKey: 'ef'.repeat(32) } });

oidcStoreContract('MongoDB', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  return {
    clients: new MongoOidcClientStore({ mongoConnection, secretCipher }),
    keys: new MongoSigningKeyStore({ mongoConnection, secretCipher }),
    close: () => mongoConnection.close(),
  };
});

it('keeps client secrets and private keys encrypted at rest, readable only under the master key', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  try {
    await new MongoOidcClientStore({ mongoConnection, secretCipher }).save(anOidcClient());
    await new MongoSigningKeyStore({ mongoConnection, secretCipher }).add({
      kid: 'k',
      alg: 'ES256',
      privateJwk: '{"kty":"EC","d":"the-private-part"}',
      createdAt: 1,
      activatesAt: 1,
    });
    const raw = JSON.stringify([
      await mongoConnection.db.collection('oidc_clients').find({}).toArray(),
      await mongoConnection.db.collection('oidc_signing_keys').find({}).toArray(),
    ]);
    expect(raw).not.toContain('a-client-secret-of-some-length');
    expect(raw).not.toContain('the-private-part');
    const otherKey = new SecretCipher({ config: { masterKey: '01'.repeat(32) } });
    await expect(new MongoOidcClientStore({ mongoConnection, secretCipher: otherKey }).find('grafana')).rejects.toThrow(
      /cannot be decrypted/,
    );
  } finally {
    await mongoConnection.close();
  }
});
