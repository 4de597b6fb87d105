import { readerErrors } from './reader.errors.js';

/** A collection in a database. */
export interface Namespace {
  readonly database: string;
  readonly collection: string;
}

/** Databases that hold the server's own state: the reader never serves them, whatever a policy says. */
const SYSTEM_DATABASES = new Set(['admin', 'local', 'config']);
/** Characters MongoDB refuses in a database name on any platform. */
const DATABASE_FORBIDDEN = /[/\\. "$*<>:|?\0]/;
const MAX_DATABASE_BYTES = 63;
/** A namespace (`database.collection`) is at most this long. */
const MAX_NAMESPACE_BYTES = 255;

/** Checks both names against MongoDB's naming rules; throws a bad-input ReaderError naming the rule broken. */
export function parseNamespace(database: string, collection: string): Namespace {
  if (database === '' || DATABASE_FORBIDDEN.test(database) || utf8Length(database) > MAX_DATABASE_BYTES) {
    throw readerErrors.badInput(
      `bad database name: ${JSON.stringify(database)} (1 to ${MAX_DATABASE_BYTES} bytes, none of / \\ . space " $ * < > : | ?)`,
    );
  }
  if (collection === '' || collection.includes('$') || collection.includes('\0') || collection.startsWith('.')) {
    throw readerErrors.badInput(
      `bad collection name: ${JSON.stringify(collection)} (not empty, no $ or NUL, not starting with .)`,
    );
  }
  if (utf8Length(database) + 1 + utf8Length(collection) > MAX_NAMESPACE_BYTES) {
    throw readerErrors.badInput(`bad collection name: database.collection is longer than ${MAX_NAMESPACE_BYTES} bytes`);
  }
  return { database, collection };
}

/** True for the server's own databases and collections (`admin`, `local`, `config`, `system.*`). */
export function isSystemNamespace(namespace: Namespace): boolean {
  return SYSTEM_DATABASES.has(namespace.database) || namespace.collection.startsWith('system.');
}

export function namespaceText(namespace: Namespace): string {
  return `${namespace.database}.${namespace.collection}`;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
