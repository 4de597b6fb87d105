import { Query } from 'mingo';
import type { CollectionStats, FindQuery } from '../../domain/reader/document-source.port.js';
import { applyProjection } from '../../domain/reader/apply-projection.js';
import { applyMasks, type FieldMask } from '../../domain/reader/field-mask.js';
import { BoundedHeap, type Order } from '../../domain/reader/best-documents.js';
import { sortKeyOf } from '../../domain/reader/document-order.js';
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
import type { SortKey } from '../../domain/reader/sort-spec.js';
import { rankColumn } from './rank-column.js';
import { refuseCatastrophicPattern, toMingo, type MingoRole } from './mingo-values.js';

interface Stored {
  readonly document: ReaderDocument;
  /** The document as mingo evaluates it, made once. */
  readonly evaluable: Record<string, unknown>;
}

interface Collection {
  readonly stored: readonly Stored[];
  /** Each document's rank under a sort key, by direction and path. */
  readonly rankColumns: Map<string, Int32Array>;
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
      rankColumns: new Map(),
      size: documents.reduce((sum, document) => sum + bsonSize(document), 0),
      // The _id index holds each document's {_id} key and an 8-byte record id.
      idIndexSize: documents.reduce(
        (sum, document) => sum + bsonSize(documentOf([['_id', fieldOf(document, '_id') ?? null]])) + 8,
        0,
      ),
    });
  }

  find(query: FindQuery): ReaderDocument[] {
    return this.fetch(query.namespace, this.select(query), query.projection, query.masks);
  }

  /**
   * Where in the collection the documents `find` gives are, in order: the matching ones are read
   * once, and only the best skip + limit of them are kept while reading (without a sort, reading
   * stops there), compared by the ranks of the collection's sort keys, computed once for every query.
   */
  select(query: FindQuery): Int32Array {
    const collection = this.collections.get(namespaceText(query.namespace));
    if (collection === undefined) return new Int32Array(0);
    const wanted = query.skip + query.limit;
    if (query.sort.length === 0)
      return Int32Array.from(firstOf(matchingPositions(collection.stored, query.criteria), wanted).slice(query.skip));
    const best = new BoundedHeap(this.order(collection, query.sort), wanted);
    const matches = matcherOf(query.criteria);
    // A loop rather than the generator: this runs once per document of the collection.
    for (let position = 0; position < collection.stored.length; position++) {
      if (matches(collection.stored[position])) best.offer(position);
    }
    return Int32Array.from(best.sorted().slice(query.skip));
  }

  fetch(namespace: Namespace, positions: Int32Array, projection: Projection, masks?: readonly FieldMask[]): ReaderDocument[] {
    const stored = this.storedIn(namespace);
    return Array.from(positions, (position) =>
      applyMasks(applyProjection(stored[position]?.document ?? EMPTY, projection), masks),
    );
  }

  count(namespace: Namespace, criteria: ReaderDocument): number {
    let count = 0;
    for (const _ of matchingPositions(this.storedIn(namespace), criteria)) count += 1;
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

  /** Positions in `sort`'s order, ties in the collection's. */
  private order(collection: Collection, sort: readonly SortKey[]): Order<number> {
    const columns = sort.map((key) => this.ranksFor(collection, key));
    return (a, b) => {
      for (const ranks of columns) {
        const order = (ranks[a] ?? 0) - (ranks[b] ?? 0);
        if (order !== 0) return order;
      }
      return a - b;
    };
  }

  /**
   * Each document's rank under one sort key (equal values, equal ranks), so that a query compares
   * two whole numbers: made once per key and collection (a sort of the collection, as building an
   * index costs), the most recently used kept.
   */
  private ranksFor(collection: Collection, key: SortKey): Int32Array {
    const name = `${key.direction} ${key.path}`;
    const kept = collection.rankColumns.get(name);
    collection.rankColumns.delete(name);
    const column =
      kept ??
      rankColumn(
        collection.stored.map(({ document }) => sortKeyOf(document, key)),
        key.direction,
      );
    collection.rankColumns.set(name, column);
    for (const oldest of collection.rankColumns.keys()) {
      if (collection.rankColumns.size <= RANK_COLUMNS_KEPT) break;
      collection.rankColumns.delete(oldest);
    }
    return column;
  }

  private storedIn(namespace: Namespace): readonly Stored[] {
    return this.collections.get(namespaceText(namespace))?.stored ?? [];
  }
}

const EMPTY = documentOf([]);
/** Rank columns kept per collection: each holds 4 bytes per document. */
const RANK_COLUMNS_KEPT = 16;

function* matchingPositions(stored: readonly Stored[], criteria: ReaderDocument): Generator<number> {
  const matches = matcherOf(criteria);
  for (let position = 0; position < stored.length; position++) if (matches(stored[position])) yield position;
}

/** Empty criteria match everything without asking mingo. */
function matcherOf(criteria: ReaderDocument): (entry: Stored | undefined) => boolean {
  if (criteria.entries.length === 0) return (entry) => entry !== undefined;
  const matches = matcher(criteria);
  return (entry) => entry !== undefined && matches(entry.evaluable);
}

function firstOf(positions: Iterable<number>, count: number): number[] {
  const first: number[] = [];
  if (count <= 0) return first;
  for (const position of positions) {
    first.push(position);
    if (first.length >= count) break;
  }
  return first;
}

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
