import { Query } from 'mingo';
import type { CollectionStats, FindQuery } from '../../domain/ports/document-source.port.js';
import { applyProjection } from '../../domain/reader/apply-projection.js';
import { bestDocuments } from '../../domain/reader/best-documents.js';
import { bsonSize } from '../../domain/reader/bson-size.js';
import { namespaceText, type Namespace } from '../../domain/reader/namespace.js';
import type { Projection } from '../../domain/reader/projection.js';
import { ReaderError, readerErrors } from '../../domain/reader/reader.errors.js';
import {
  documentOf,
  fieldOf,
  isArrayValue,
  isDocument,
  type ReaderDocument,
  type ReaderValue,
} from '../../domain/reader/reader-value.js';
import { refuseCatastrophicPattern, toMingo, type MingoRole } from './mingo-values.js';

interface Stored {
  readonly document: ReaderDocument;
  /** The document as mingo evaluates it, made once. */
  readonly evaluable: Record<string, unknown>;
}

interface Collection {
  readonly stored: readonly Stored[];
  /** Sizes in bytes, summed once: the documents' BSON, and the _id index's keys. */
  readonly size: number;
  readonly idIndexSize: number;
}

/**
 * The memory source's collections and how a query runs over them, with mingo (MongoDB's query
 * language over JavaScript objects). Sorting, projection and statistics follow MongoDB's rules
 * through the domain (BSON order, strings by code point, sizes of the BSON encoding), where mingo's
 * would differ. Every call runs to its end: the query thread that holds this is what a time limit stops.
 */
export class MemoryCollections {
  private readonly collections = new Map<string, Collection>();

  load(namespace: Namespace, documents: readonly ReaderDocument[]): void {
    this.collections.set(namespaceText(namespace), {
      stored: documents.map((document) => ({ document, evaluable: evaluable(document, 'stored') })),
      size: documents.reduce((sum, document) => sum + bsonSize(document), 0),
      // The _id index holds each document's {_id} key and an 8-byte record id.
      idIndexSize: documents.reduce(
        (sum, document) => sum + bsonSize(documentOf([['_id', fieldOf(document, '_id') ?? null]])) + 8,
        0,
      ),
    });
  }

  find(query: FindQuery): ReaderDocument[] {
    return this.fetch(query.namespace, this.select(query), query.projection);
  }

  /**
   * Where in the collection the documents `find` gives are, in order: the matching ones are read
   * once, and only the best skip + limit of them are kept while reading.
   */
  select(query: FindQuery): Int32Array {
    const stored = this.storedIn(query.namespace);
    const matches = matcher(query.criteria);
    function* matching(): Generator<number> {
      for (let position = 0; position < stored.length; position++) {
        const entry = stored[position];
        if (entry !== undefined && matches(entry.evaluable)) yield position;
      }
    }
    const kept = bestDocuments(
      matching(),
      (position) => stored[position]?.document ?? EMPTY,
      query.sort,
      query.skip + query.limit,
    );
    return Int32Array.from(kept.slice(query.skip));
  }

  fetch(namespace: Namespace, positions: Int32Array, projection: Projection): ReaderDocument[] {
    const stored = this.storedIn(namespace);
    return Array.from(positions, (position) => applyProjection(stored[position]?.document ?? EMPTY, projection));
  }

  count(namespace: Namespace, criteria: ReaderDocument): number {
    const matches = matcher(criteria);
    let count = 0;
    for (const entry of this.storedIn(namespace)) if (matches(entry.evaluable)) count += 1;
    return count;
  }

  stats(namespace: Namespace): CollectionStats {
    const collection = this.collections.get(namespaceText(namespace));
    const count = collection?.stored.length ?? 0;
    const size = collection?.size ?? 0;
    const idIndex = collection?.idIndexSize ?? 0;
    return {
      ns: namespaceText(namespace),
      count,
      size,
      avgObjSize: count > 0 ? Math.floor(size / count) : 0,
      storageSize: size,
      nindexes: collection ? 1 : 0,
      totalIndexSize: idIndex,
      indexSizes: collection ? { _id_: idIndex } : {},
    };
  }

  private storedIn(namespace: Namespace): readonly Stored[] {
    return this.collections.get(namespaceText(namespace))?.stored ?? [];
  }
}

const EMPTY = documentOf([]);

/** The criteria as a test of one document; what mingo refuses, at once or while testing, is a bad query. */
function matcher(criteria: ReaderDocument): (evaluable: Record<string, unknown>) => boolean {
  const refused = (error: unknown) =>
    error instanceof ReaderError ? error : readerErrors.badQuery(error instanceof Error ? error.message : String(error));
  let query: Query;
  try {
    refuseRunawayPatterns(criteria);
    query = new Query(evaluable(criteria, 'criteria'), { scriptEnabled: false });
  } catch (error) {
    throw refused(error);
  }
  return (document) => {
    try {
      return query.test(document);
    } catch (error) {
      throw refused(error);
    }
  };
}

function evaluable(document: ReaderDocument, role: MingoRole): Record<string, unknown> {
  return Object.fromEntries(document.entries.map(([key, value]) => [key, toMingo(value, role)]));
}

/** Every `$regex` string (and `regex` argument of the expression operators) in the criteria. */
function refuseRunawayPatterns(value: ReaderValue): void {
  if (isArrayValue(value)) {
    for (const item of value) refuseRunawayPatterns(item);
    return;
  }
  if (!isDocument(value)) return;
  for (const [key, inner] of value.entries) {
    if ((key === '$regex' || key === 'regex') && typeof inner === 'string') refuseCatastrophicPattern(inner);
    refuseRunawayPatterns(inner);
  }
}
