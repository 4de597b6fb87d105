import { UUID, type Document } from 'bson';
import { CommandFailure } from './command-failure.js';
import { canonical, cloneDocument, getPath } from './document-values.js';

/** An index as `listIndexes` reports it. Only `unique` changes what the fake does. */
export interface IndexSpec {
  readonly name: string;
  readonly key: Document;
  readonly unique: boolean;
}

/** What a write would collide with in a unique index. */
export interface DuplicateKey {
  readonly index: IndexSpec;
  /** `{ field: value }` for each field of the index, as the server's error reports it. */
  readonly keyValue: Document;
}

/** One collection: its documents in insertion order and its indexes. */
export class FakeCollection {
  documents: Document[] = [];
  readonly indexes: IndexSpec[] = [{ name: '_id_', key: { _id: 1 }, unique: true }];
  readonly uuid = new UUID();

  constructor(
    readonly db: string,
    readonly name: string,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** Stores a copy of `document`; throws a DuplicateKey failure when a unique index forbids it. */
  insert(document: Document): void {
    this.refuseDuplicate(document);
    this.documents.push(cloneDocument(document));
  }

  /** Puts a copy of `next` where `previous` was; throws a DuplicateKey failure when a unique index forbids it. */
  replace(previous: Document, next: Document): void {
    this.refuseDuplicate(next, previous);
    this.documents[this.documents.indexOf(previous)] = cloneDocument(next);
  }

  /** Deletes these stored documents. */
  remove(documents: ReadonlySet<Document>): void {
    this.documents = this.documents.filter((document) => !documents.has(document));
  }

  private refuseDuplicate(candidate: Document, replacing?: Document): void {
    const duplicate = this.findDuplicate(candidate, replacing);
    if (duplicate) throw duplicateKeyFailure(this, duplicate);
  }

  /** The first unique index `candidate` would break if stored, ignoring the document it replaces. */
  findDuplicate(candidate: Document, replacing?: Document): DuplicateKey | undefined {
    for (const index of this.indexes) {
      if (!index.unique) continue;
      const keyValue = keyValueOf(index, candidate);
      const key = canonical(keyValue);
      const clash = this.documents.some((other) => other !== replacing && canonical(keyValueOf(index, other)) === key);
      if (clash) return { index, keyValue };
    }
    return undefined;
  }

  /** The duplicate a new unique index would find among the stored documents. */
  duplicateWithin(index: IndexSpec): DuplicateKey | undefined {
    const seen = new Set<string>();
    for (const document of this.documents) {
      const keyValue = keyValueOf(index, document);
      const key = canonical(keyValue);
      if (seen.has(key)) return { index, keyValue };
      seen.add(key);
    }
    return undefined;
  }
}

/** The indexed values of `document`: a missing field indexes as null, so two documents without it collide, as on a real server. */
export function keyValueOf(index: IndexSpec, document: Document): Document {
  const keyValue: Document = {};
  for (const field of Object.keys(index.key)) keyValue[field] = getPath(document, field) ?? null;
  return keyValue;
}

/** The failure a real server reports for a duplicate key: `E11000 ...` with keyPattern and keyValue. */
export function duplicateKeyFailure(collection: FakeCollection, duplicate: DuplicateKey): CommandFailure {
  const fields = Object.entries(duplicate.keyValue).map(([field, value]) => `${field}: ${canonical(value)}`);
  return new CommandFailure(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${collection.ns} index: ${duplicate.index.name} dup key: { ${fields.join(', ')} }`,
    { keyPattern: duplicate.index.key, keyValue: duplicate.keyValue },
  );
}

/** Every database and collection the fake holds, in memory. */
export class FakeCatalog {
  private readonly databases = new Map<string, Map<string, FakeCollection>>();

  /** The collection, or undefined when it does not exist. */
  find(db: string, name: string): FakeCollection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created empty when missing (as a first write does on a real server). */
  obtain(db: string, name: string): { collection: FakeCollection; created: boolean } {
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    const existing = collections.get(name);
    if (existing) return { collection: existing, created: false };
    const collection = new FakeCollection(db, name);
    collections.set(name, collection);
    return { collection, created: true };
  }

  /**
   * The databases that hold a collection, sorted by name: a database with none does not exist on a
   * server. The fake holds no admin, config or local database, which a real server always has.
   */
  databaseNames(): string[] {
    return [...this.databases.entries()]
      .filter(([, collections]) => collections.size > 0)
      .map(([name]) => name)
      .sort();
  }

  list(db: string): FakeCollection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  /** Removes the collection; returns it, or undefined when there was none. */
  drop(db: string, name: string): FakeCollection | undefined {
    const collection = this.find(db, name);
    this.databases.get(db)?.delete(name);
    return collection;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }
}
