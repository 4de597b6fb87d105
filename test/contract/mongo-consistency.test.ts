import type { Document } from 'bson';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MongoConnection } from '../../src/adapters/mongo/mongo-connection.js';
import { MongoCredentialStore } from '../../src/adapters/mongo/mongo-credential-store.js';
import { MongoUnitOfWork } from '../../src/adapters/mongo/mongo-unit-of-work.js';
import { MongoUserDirectory } from '../../src/adapters/mongo/mongo-user-directory.js';
import { SecretCipher } from '../../src/adapters/mongo/secret-cipher.js';
import { aCredential } from '../support/credential-mother.js';
import { startMongoWireFake, type MongoWireFake } from '../support/mongo-wire-fake/server.js';
import { aUser } from '../support/user-mother.js';

const quiet = { info() {}, warn() {}, error() {} };

/**
 * What the Mongo adapters ask of the server: the wire fake, a strict standalone, records every
 * command as the driver sent it. A replica set is not at hand here; what it would do with these
 * requests is MongoDB's documented behaviour for majority read and write concerns and causally
 * consistent sessions.
 */
describe('MongoDB writes that must not be lost, and reads that follow writes', () => {
  let fake: MongoWireFake;
  const sent: Document[] = [];
  let connection: MongoConnection;
  let credentials: MongoCredentialStore;
  let users: MongoUserDirectory;
  let unitOfWork: MongoUnitOfWork;

  beforeAll(async () => {
    fake = await startMongoWireFake({ onCommand: (command) => sent.push(command) });
    connection = new MongoConnection({ config: { mongoUrl: `${fake.url}/consistency` }, logger: quiet });
    await connection.open();
    credentials = new MongoCredentialStore({
      mongoConnection: connection,
      secretCipher: new SecretCipher({ config: { masterKey: 'ab'.repeat(32) } }),
    });
    users = new MongoUserDirectory({ mongoConnection: connection });
    unitOfWork = new MongoUnitOfWork({ mongoConnection: connection });
  });
  afterEach(() => {
    sent.length = 0;
  });
  afterAll(async () => {
    await connection.close();
    await fake.stop();
  });

  const commands = (name: string) => sent.filter((command) => name in command);
  const sessionOf = (command: Document | undefined): string => {
    const lsid: unknown = command?.lsid;
    if (typeof lsid !== 'object' || lsid === null || !('id' in lsid)) throw new Error('the command has no session');
    return String(lsid.id);
  };

  it('writes credentials, entry points and users with a majority write concern', async () => {
    await credentials.save(aCredential({ apiKey: 'majority1' }));
    await credentials.saveEntryPoint({ name: 'GET /x/', method: 'GET', path: '/x/' });
    await users.save(aUser({ username: 'majority-user' }));
    await credentials.removeEntryPoints(['GET /x/']);
    const writes = [...commands('update'), ...commands('delete')];
    expect(writes.length).toBeGreaterThanOrEqual(5);
    for (const write of writes) expect(write.writeConcern).toEqual({ w: 'majority' });
  });

  it('writes a last-used or last-login time with w: 1, outside any unit of work', async () => {
    await unitOfWork.run(async () => {
      await credentials.recordUse('majority1', 1, '192.0.2.1');
      await users.recordLogin('majority-user', 1);
    });
    const writes = commands('update');
    expect(writes).toHaveLength(2);
    for (const write of writes) expect(write.writeConcern).toEqual({ w: 1 });
  });

  it('reads with a majority read concern', async () => {
    await credentials.findByApiKey('majority1');
    await users.findByUsername('majority-user');
    const reads = commands('find');
    expect(reads).toHaveLength(2);
    for (const read of reads) expect(read.readConcern).toEqual({ level: 'majority' });
  });

  it('runs every operation of one unit of work in one causally consistent session, and reads back its write', async () => {
    const found = await unitOfWork.run(async () => {
      await credentials.save(aCredential({ apiKey: 'causal1', note: 'written in this unit' }));
      return credentials.findByApiKey('causal1');
    });
    expect(found?.note).toBe('written in this unit');
    const [write] = commands('update');
    const [read] = commands('find');
    expect(sessionOf(read)).toBe(sessionOf(write));
    // A standalone reports no operation time, so the driver has none to wait for: a replica set
    // member would be asked to read at or after the write (readConcern.afterClusterTime).
    expect(read?.readConcern).toEqual({ level: 'majority' });
  });

  it('ends the session with the unit of work, even when the work fails', async () => {
    await expect(
      unitOfWork.run(async () => {
        await credentials.findByApiKey('causal1');
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    // The ended session goes back to the pool, and the next unit of work may use it: no error.
    await expect(unitOfWork.run(() => credentials.findByApiKey('causal1'))).resolves.not.toBeNull();
  });

  it('leaves the URL the last word on write and read concerns', async () => {
    const own = new MongoConnection({
      config: { mongoUrl: `${fake.url}/consistency?w=1&readConcernLevel=local` },
      logger: quiet,
    });
    await own.open();
    try {
      const store = new MongoUserDirectory({ mongoConnection: own });
      await store.save(aUser({ username: 'url-says' }));
      await store.findByUsername('url-says');
      expect(commands('update').at(-1)?.writeConcern).toEqual({ w: 1 });
      expect(commands('find').at(-1)?.readConcern).toEqual({ level: 'local' });
    } finally {
      await own.close();
    }
  });
});
