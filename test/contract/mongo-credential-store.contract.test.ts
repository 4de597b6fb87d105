import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MongoConnection } from '../../src/adapters/mongo/mongo-connection.js';
import { MongoCredentialStore } from '../../src/adapters/mongo/mongo-credential-store.js';
import { SecretCipher } from '../../src/adapters/mongo/secret-cipher.js';
import { aCredential, aRotatingSsoCredential } from '../support/credential-mother.js';
import { mongoForTests, openEmptyDatabase, type TestMongo } from '../support/mongo-for-tests.js';
import { credentialStoreContract } from './credential-store.contract.js';

const secretCipher = new SecretCipher({ config: { masterKey: '7f'.repeat(32) } });

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await mongoForTests();
});
afterAll(() => mongo.stop());

credentialStoreContract('MongoCredentialStore', async () => {
  const mongoConnection = await openEmptyDatabase(mongo);
  return { store: new MongoCredentialStore({ mongoConnection, secretCipher }), close: () => mongoConnection.close() };
});

describe('MongoCredentialStore at rest', () => {
  let connection: MongoConnection;
  let store: MongoCredentialStore;

  beforeEach(async () => {
    connection = await openEmptyDatabase(mongo);
    store = new MongoCredentialStore({ mongoConnection: connection, secretCipher });
  });

  afterEach(() => connection.close());

  const rawCredentials = () => connection.db.collection('api_credentials');

  it('the stored document holds SEC keys only encrypted', async () => {
    const credential = aRotatingSsoCredential();
    await store.save(credential);
    const raw = await rawCredentials().findOne({ apiKey: credential.apiKey });
    const text = JSON.stringify(raw);
    for (const key of credential.secretKeys) expect(text).not.toContain(key.value);
    expect(raw?.secretKeys).toEqual(
      credential.secretKeys.map(({ createdAt, expiresAt }) => ({
        encryptedValue: expect.stringMatching(/^v1\./),
        createdAt,
        expiresAt,
      })),
    );
  });

  it('a document stored before the key lifecycle reads as an enabled key without expiry, limit or known address', async () => {
    const credential = aRotatingSsoCredential();
    await store.save(credential);
    await rawCredentials().updateOne(
      { apiKey: credential.apiKey },
      { $unset: { lastUsedFrom: '', disabled: '', expiresAt: '', rateLimitPerMinute: '' } },
    );
    expect(Object.keys((await rawCredentials().findOne({ apiKey: credential.apiKey }, { projection: { _id: 0 } }))!)).toEqual([
      'apiKey',
      'secretKeys',
      'username',
      'entryPoints',
      'note',
      'ssoHost',
      'createdAt',
      'lastUsedAt',
      'revoked',
    ]);
    expect(await store.findByApiKey(credential.apiKey)).toStrictEqual({
      ...credential,
      lastUsedFrom: null,
      disabled: false,
      expiresAt: null,
      rateLimitPerMinute: null,
    });
    expect(await store.list()).toHaveLength(1);
  });

  it('a SEC key whose ciphertext was altered makes findByApiKey reject', async () => {
    await store.save(aCredential());
    const raw = await rawCredentials().findOne({ apiKey: 'AK-plain-0001' });
    const [version, iv, tag, ciphertext = ''] = String(raw?.secretKeys[0].encryptedValue).split('.');
    const altered = [version, iv, tag, (ciphertext.startsWith('A') ? 'B' : 'A') + ciphertext.slice(1)].join('.');
    await rawCredentials().updateOne({ apiKey: 'AK-plain-0001' }, { $set: { 'secretKeys.0.encryptedValue': altered } });
    await expect(store.findByApiKey('AK-plain-0001')).rejects.toThrow(/SEC key of API key AK-plain-0001 cannot be read/);
  });

  it('a SEC key copied into another credential does not decrypt there', async () => {
    await store.save(aCredential({ apiKey: 'AK-victim' }));
    await store.save(aCredential({ apiKey: 'AK-thief' }));
    const victim = await rawCredentials().findOne({ apiKey: 'AK-victim' });
    await rawCredentials().updateOne({ apiKey: 'AK-thief' }, { $set: { secretKeys: victim?.secretKeys } });
    await expect(store.findByApiKey('AK-thief')).rejects.toThrow(/cannot be read/);
  });

  it('API keys and entry point names are unique indexes', async () => {
    await store.save(aCredential());
    await store.saveEntryPoint({ name: 'GET /api/hello/', method: 'GET', path: '/api/hello/' });
    expect(await rawCredentials().indexes()).toContainEqual(expect.objectContaining({ key: { apiKey: 1 }, unique: true }));
    expect(await connection.db.collection('api_entry_points').indexes()).toContainEqual(
      expect.objectContaining({ key: { name: 1 }, unique: true }),
    );
  });

  it('operations reject with a clear reason once the connection is closed', async () => {
    await connection.close();
    await expect(store.ping()).rejects.toThrow(/not open/);
    await expect(store.findByApiKey('AK-plain-0001')).rejects.toThrow(/not open/);
  });
});
