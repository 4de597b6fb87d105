import { createServer } from 'node:net';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { MongoConnection } from '../../../src/adapters/mongo/mongo-connection.js';
import { startMongoWireFake, type MongoWireFake } from '../../support/mongo-wire-fake/server.js';

const quiet = { info() {}, warn() {}, error() {} };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

function connectionTo(mongoUrl: string): MongoConnection {
  return new MongoConnection({ config: { mongoUrl }, logger: quiet });
}

describe('MongoConnection', () => {
  let fake: MongoWireFake;
  const opened: MongoConnection[] = [];

  beforeAll(async () => {
    fake = await startMongoWireFake();
  });
  afterAll(() => fake.stop());
  afterEach(async () => {
    for (const connection of opened.splice(0)) await connection.close();
  });

  async function open(mongoUrl: string): Promise<MongoConnection> {
    const connection = connectionTo(mongoUrl);
    opened.push(connection);
    await connection.open();
    return connection;
  }

  it('is named mongo', () => {
    expect(connectionTo(fake.url).name).toBe('mongo');
  });

  it('uses the database the URL names', async () => {
    const connection = await open(`${fake.url}/reports%2Dq1?appName=signet`);
    expect(connection.db.databaseName).toBe('reports-q1');
  });

  it('uses the signet database when the URL names none', async () => {
    expect((await open(fake.url)).db.databaseName).toBe('signet');
    expect((await open(`${fake.url}/`)).db.databaseName).toBe('signet');
  });

  it('refuses to hand out the database before open() and after close()', async () => {
    const connection = connectionTo(`${fake.url}/signet`);
    expect(() => connection.db).toThrow(/mongo at mongodb:\/\/127\.0\.0\.1:\d+\/signet is not open: call open\(\) first/);
    await connection.open();
    await connection.close();
    expect(() => connection.db).toThrow(/is not open/);
  });

  it('close() is safe when never opened and when called twice', async () => {
    const connection = connectionTo(fake.url);
    await connection.close();
    await connection.open();
    await connection.close();
    await expect(connection.close()).resolves.toBeUndefined();
  });

  it('open() on a port where nothing listens rejects, naming the server but not the password', async () => {
    const port = await closedPort();
    const connection = connectionTo(
      `mongodb://signet:pa%24%24-w0rd@127.0.0.1:${port}/signet?serverSelectionTimeoutMS=300&tlsCertificateKeyFilePassword=k3y-pw`,
    );
    const error = await connection.open().then(
      () => new Error('open() resolved'),
      (reason: unknown) => reason as Error,
    );
    expect(error.message).toContain(`mongo at mongodb://signet@127.0.0.1:${port}/signet?serverSelectionTimeoutMS=300`);
    expect(error.message).toContain('is unreachable');
    for (const secret of ['pa%24%24-w0rd', 'pa$$-w0rd', 'k3y-pw']) expect(error.message).not.toContain(secret);
    expect(connection.safeUrl).not.toContain('w0rd');
  });

  it('ensureIndexes creates the indexes once and tolerates being asked again', async () => {
    const connection = await open(`${fake.url}/indexes`);
    await connection.ensureIndexes('things', [{ key: { code: 1 }, unique: true }]);
    await connection.ensureIndexes('things', [{ key: { code: 1 }, unique: true }]);
    expect(await connection.db.collection('things').indexes()).toContainEqual(
      expect.objectContaining({ key: { code: 1 }, unique: true }),
    );
  });

  it('ensureIndexes rejects when not open', async () => {
    await expect(connectionTo(fake.url).ensureIndexes('things', [{ key: { code: 1 } }])).rejects.toThrow(/is not open/);
  });
});
