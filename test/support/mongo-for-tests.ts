import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoConnection } from '../../src/adapters/mongo/mongo-connection.js';
import { startMongoWireFake } from './mongo-wire-fake/server.js';

/** A MongoDB database for one test file. */
export interface TestMongo {
  /** A connection string whose path names `dbName`. */
  url: string;
  dbName: string;
  /** Drops the database on a real server, or stops the fake. */
  stop(): Promise<void>;
}

const quiet = { info() {}, warn() {}, error() {} };

/**
 * With MONGO_URL set: a fresh, randomly named database on that server. Otherwise: the in-memory
 * wire-protocol fake, which serves what the driver sends for the commands Signet's adapters use.
 */
export async function mongoForTests(): Promise<TestMongo> {
  const dbName = `signet_test_${randomBytes(6).toString('hex')}`;
  const external = process.env.MONGO_URL;
  if (external) {
    const url = withDatabase(external, dbName);
    return { url, dbName, stop: () => dropDatabase(url) };
  }
  const fake = await startMongoWireFake();
  return { url: withDatabase(fake.url, dbName), dbName, stop: () => fake.stop() };
}

/** An open MongoConnection to the test database, emptied first so each test starts clean. */
export async function openEmptyDatabase(mongo: TestMongo): Promise<MongoConnection> {
  const connection = new MongoConnection({ config: { mongoUrl: mongo.url }, logger: quiet });
  await connection.open();
  await connection.db.dropDatabase();
  return connection;
}

async function dropDatabase(url: string): Promise<void> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}

/**
 * `url` with its database replaced by `dbName`. When the URL carries credentials, the database it
 * named stays their authSource, since changing the path would otherwise change where they log in.
 */
function withDatabase(url: string, dbName: string): string {
  const [base, query] = splitOnce(url, '?');
  const hostsStart = Math.max(base.lastIndexOf('@'), base.indexOf('://') + 2) + 1;
  const slash = base.indexOf('/', hostsStart);
  const hosts = slash < 0 ? base : base.slice(0, slash);
  const originalDb = slash < 0 ? '' : base.slice(slash + 1);
  const params = new URLSearchParams(query);
  if (base.lastIndexOf('@') >= 0 && !params.has('authSource')) {
    params.set('authSource', decodeURIComponent(originalDb) || 'admin');
  }
  const options = params.toString();
  return `${hosts}/${dbName}${options ? `?${options}` : ''}`;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
