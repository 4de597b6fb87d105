import { AsyncLocalStorage } from 'node:async_hooks';
import { MongoClient, type ClientSession, type Db, type IndexDescription } from 'mongodb';
import type { Logger } from '../../domain/shared/logger.port.js';
import type { BackendConnection } from '../backend-connection.js';
import { safeReason } from '../redact.js';

export type MongoConnectionDeps = {
  config: { mongoUrl: string };
  logger: Logger;
};

/** How long open() and each operation wait for a usable server, unless the URL says otherwise. */
const SERVER_SELECTION_TIMEOUT_MS = 5000;
/** The database used when the URL names none. */
const DEFAULT_DATABASE = 'signet';

/** A unit of work's causally consistent session, started the first time the work touches MongoDB. */
interface Scope {
  session: ClientSession | undefined;
}

/**
 * Options that spare a bookkeeping write (a last-used or last-login time) the wait for a majority
 * of a replica set, and keep it out of a request's session: such a write may outlive the request
 * (it is not awaited), and losing it in a failover only leaves a time stale.
 */
export const BOOKKEEPING_WRITE = { writeConcern: { w: 1 } } as const;

/**
 * One MongoDB client shared by every Mongo adapter, bound to the database the URL names. The URL
 * may name a replica set (`mongodb://a,b,c/signet?replicaSet=rs0`, or `mongodb+srv://`). Unless
 * the URL says otherwise, writes wait for a majority of the set (`w: majority`), so that an
 * acknowledged write survives the loss of the primary, and reads see only majority-committed data
 * (`readConcern: majority`), so that nothing read can be rolled back. Within a unit of work (one
 * HTTP request: see `withinSession`), every operation runs in one causally consistent session:
 * a read that follows a write of the same request sees it, on whichever member serves it.
 */
export class MongoConnection implements BackendConnection {
  readonly name = 'mongo';
  private readonly url: string;
  private readonly parts: MongoUrlParts;
  private readonly logger: Logger;
  private client: MongoClient | undefined;
  private database: Db | undefined;
  private readonly indexes = new Map<string, Promise<void>>();
  private readonly scopes = new AsyncLocalStorage<Scope>();

  constructor(deps: MongoConnectionDeps) {
    this.url = deps.config.mongoUrl;
    this.parts = parseMongoUrl(this.url);
    this.logger = deps.logger;
  }

  /** The URL with any password removed, fit for logs and error messages. */
  get safeUrl(): string {
    return this.parts.safeUrl;
  }

  /** The database the URL names (`signet` when it names none); throws when open() has not succeeded. */
  get db(): Db {
    if (!this.database) {
      throw new Error(`mongo at ${this.parts.safeUrl} is not open: call open() first`);
    }
    return this.database;
  }

  /**
   * Another database on the same server, for adapters that read more than Signet's own (the MongoDB
   * reader); throws when open() has not succeeded.
   */
  databaseNamed(name: string): Db {
    if (!this.client) throw new Error(`mongo at ${this.parts.safeUrl} is not open: call open() first`);
    return this.client.db(name);
  }

  /** Connects and pings; rejects within a few seconds, naming the server, when it cannot. */
  async open(): Promise<void> {
    if (this.database) return;
    // The driver ignores undefined options, so a setting written in the URL wins.
    const urlSets = (option: string) => new RegExp(`[?&]${option}=`, 'i').test(this.url);
    let client: MongoClient;
    try {
      client = new MongoClient(this.url, {
        serverSelectionTimeoutMS: urlSets('serverSelectionTimeoutMS') ? undefined : SERVER_SELECTION_TIMEOUT_MS,
        writeConcern: urlSets('w') ? undefined : { w: 'majority' },
        readConcern: urlSets('readConcernLevel') ? undefined : { level: 'majority' },
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    try {
      await client.connect();
      await client.db(this.parts.databaseName).command({ ping: 1 });
    } catch (error) {
      await client.close().catch(() => undefined);
      throw this.unreachable(error);
    }
    this.client = client;
    this.database = client.db(this.parts.databaseName);
    this.logger.info('mongo connected', { url: this.parts.safeUrl, database: this.parts.databaseName });
  }

  /** Disconnects; safe when never opened or already closed. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.database = undefined;
    this.indexes.clear();
    if (!client) return;
    try {
      await client.close();
    } catch (error) {
      this.logger.warn('mongo close failed', { url: this.parts.safeUrl, reason: this.reason(error) });
    }
  }

  /**
   * Runs `work` as one unit: every operation an adapter makes inside it (see `inSession`) shares one
   * causally consistent session, which ends with the work. The session starts only if the work
   * touches MongoDB.
   */
  async withinSession<T>(work: () => Promise<T>): Promise<T> {
    const scope: Scope = { session: undefined };
    try {
      return await this.scopes.run(scope, work);
    } finally {
      await scope.session?.endSession().catch(() => undefined);
    }
  }

  /** The options that put an operation in the current unit of work's session; none outside one. */
  inSession(): { session?: ClientSession } {
    const scope = this.scopes.getStore();
    if (!scope || !this.client) return {};
    scope.session ??= this.client.startSession({ causalConsistency: true });
    return { session: scope.session };
  }

  /**
   * Creates these indexes on `collection` the first time it is asked since open(); later calls wait
   * for that first creation. A failure is not remembered, so the next call tries again.
   */
  async ensureIndexes(collection: string, indexes: IndexDescription[]): Promise<void> {
    let pending = this.indexes.get(collection);
    if (!pending) {
      const created = this.db
        .collection(collection)
        .createIndexes(indexes)
        .then(() => undefined);
      created.catch(() => {
        if (this.indexes.get(collection) === created) this.indexes.delete(collection);
      });
      this.indexes.set(collection, created);
      pending = created;
    }
    await pending;
  }

  private unreachable(error: unknown): Error {
    return new Error(`mongo at ${this.parts.safeUrl} is unreachable: ${this.reason(error)}`, { cause: error });
  }

  /** The error's message with the URL's password blanked out, in case the driver echoes it. */
  private reason(error: unknown): string {
    return safeReason(error, this.parts.passwords);
  }
}

interface MongoUrlParts {
  readonly databaseName: string;
  readonly safeUrl: string;
  /** The password as written in the URL and decoded; empty when there is none. */
  readonly passwords: readonly string[];
}

/**
 * Splits `mongodb[+srv]://[user[:password]@]host[:port][,host...][/database][?options]` by hand:
 * WHATWG URL cannot parse a list of hosts.
 */
function parseMongoUrl(url: string): MongoUrlParts {
  const schemeEnd = url.indexOf('://');
  const start = schemeEnd < 0 ? 0 : schemeEnd + 3;
  const queryStart = url.indexOf('?', start);
  const end = queryStart < 0 ? url.length : queryStart;
  const at = url.lastIndexOf('@', end);
  const hostsStart = at >= start ? at + 1 : start;
  const userInfo = at >= start ? url.slice(start, at) : '';
  const colon = userInfo.indexOf(':');

  const slash = url.indexOf('/', hostsStart);
  const path = slash >= 0 && slash < end ? url.slice(slash + 1, end) : '';
  const user = colon >= 0 ? userInfo.slice(0, colon) : userInfo;
  const password = colon >= 0 ? userInfo.slice(colon + 1) : '';
  const options = url.slice(end).replace(/([?&][^=&]*password[^=&]*=)[^&]*/gi, '$1***');
  return {
    databaseName: decoded(path) || DEFAULT_DATABASE,
    safeUrl: `${url.slice(0, start)}${user ? `${user}@` : ''}${url.slice(hostsStart, end)}${options}`,
    passwords: password ? [...new Set([password, decoded(password)])] : [],
  };
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
