import type { FieldMask } from './field-mask.js';
import type { Namespace } from './namespace.js';
import type { Projection } from './projection.js';
import type { ReaderDocument } from './reader-value.js';
import type { SortKey } from './sort-spec.js';

/** A find as a source runs it: every part checked and permitted already. */
export interface FindQuery {
  readonly namespace: Namespace;
  readonly criteria: ReaderDocument;
  readonly projection: Projection;
  readonly sort: readonly SortKey[];
  readonly skip: number;
  /** At least 1: the reader never asks for an unbounded result. */
  readonly limit: number;
  /** Server time the query may take, in milliseconds (MongoDB's maxTimeMS). */
  readonly maxTimeMs: number;
  /**
   * Fields to return masked, applied after the projection by the source itself (in MongoDB's
   * aggregation), so that their values in clear never leave it; none when absent.
   */
  readonly masks?: readonly FieldMask[];
}

export interface CountQuery {
  readonly namespace: Namespace;
  readonly criteria: ReaderDocument;
  readonly maxTimeMs: number;
}

/** A collection's statistics; sizes in bytes. */
export interface CollectionStats {
  readonly ns: string;
  readonly count: number;
  /** The sum of the documents' BSON sizes. */
  readonly size: number;
  /** size / count, rounded down; 0 for an empty collection. */
  readonly avgObjSize: number;
  /** Bytes the documents take on disk (after compression, on a server). */
  readonly storageSize: number;
  readonly nindexes: number;
  readonly totalIndexSize: number;
  readonly indexSizes: Readonly<Record<string, number>>;
  /**
   * Every statistic the source reported, as it reported it (a server's collStats holds dozens more,
   * `capped`, `totalSize`, `wiredTiger`...); left out by a source that reports nothing beyond the above.
   */
  readonly reported?: ReaderDocument;
}

/** Documents read one at a time, fetched in batches; closing early releases the server's cursor. */
export interface DocumentCursor {
  /** The next document, or null once there are no more. */
  next(): Promise<ReaderDocument | null>;
  /** Releases the cursor; safe to call twice, and after the last document. */
  close(): Promise<void>;
}

/**
 * Where the MongoDB reader reads documents from. Every method only reads. A missing database or
 * collection reads as empty, never as an error. A query a source cannot run because of what it
 * says (a bad regular expression, the time limit reached) rejects with a bad-query ReaderError;
 * a source that cannot be reached rejects with BackendUnavailableError.
 */
export interface DocumentSource {
  /** The matching documents: sorted, then skipped, then limited, then projected, then masked. */
  find(query: FindQuery): Promise<ReaderDocument[]>;

  /** How many documents match. */
  count(query: CountQuery): Promise<number>;

  /** The collection's statistics; zeros when it does not exist. */
  stats(namespace: Namespace, maxTimeMs: number): Promise<CollectionStats>;

  /** A cursor over what `find` would return, for reads too long to hold at once (exports). */
  openCursor(query: FindQuery): Promise<DocumentCursor>;

  /** Every collection of every database, the server's own left out, sorted by database then collection. */
  listCollections(): Promise<Namespace[]>;
}

/** Puts demo documents in place where the demo runs; a source never writes otherwise. */
export interface DocumentSeeder {
  /** Inserts `documents` when the collection holds none; true when it did. */
  seedIfEmpty(namespace: Namespace, documents: readonly ReaderDocument[]): Promise<boolean>;
}
