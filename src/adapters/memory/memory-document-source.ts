import { Query } from 'mingo';
import type {
  CollectionStats,
  CountQuery,
  DocumentCursor,
  DocumentSeeder,
  DocumentSource,
  FindQuery,
} from '../../domain/ports/document-source.port.js';
import { applyProjection } from '../../domain/reader/apply-projection.js';
import { bsonSize } from '../../domain/reader/bson-size.js';
import { applyMasks } from '../../domain/reader/field-mask.js';
import { sortDocuments } from '../../domain/reader/document-order.js';
import { namespaceText, type Namespace } from '../../domain/reader/namespace.js';
import { readerErrors } from '../../domain/reader/reader.errors.js';
import {
  documentOf,
  fieldOf,
  isArrayValue,
  isDocument,
  type ReaderDocument,
  type ReaderValue,
} from '../../domain/reader/reader-value.js';
import { compareText } from '../../domain/reader/value-order.js';
import { refuseCatastrophicPattern, toMingo, type MingoRole } from './mingo-values.js';

interface Stored {
  readonly document: ReaderDocument;
  /** The document as mingo evaluates it, made once. */
  readonly evaluable: Record<string, unknown>;
}

/**
 * Collections held in memory, queried with mingo (MongoDB's query language over JavaScript
 * objects): for the demo and for tests. Sorting, projection and statistics follow MongoDB's rules
 * through the domain (BSON order, strings by code point, sizes of the BSON encoding), where mingo's
 * would differ. It has no time limit: use it with collections small enough not to need one.
 */
export class MemoryDocumentSource implements DocumentSource, DocumentSeeder {
  private readonly collections = new Map<string, { namespace: Namespace; stored: Stored[] }>();

  async find(query: FindQuery): Promise<ReaderDocument[]> {
    const found = sortDocuments(this.matching(query.namespace, query.criteria), query.sort);
    return found
      .slice(query.skip, query.skip + query.limit)
      .map((document) => applyMasks(applyProjection(document, query.projection), query.masks));
  }

  async count(query: CountQuery): Promise<number> {
    return this.matching(query.namespace, query.criteria).length;
  }

  async stats(namespace: Namespace): Promise<CollectionStats> {
    const documents = (this.collections.get(namespaceText(namespace))?.stored ?? []).map((stored) => stored.document);
    const size = documents.reduce((sum, document) => sum + bsonSize(document), 0);
    // The _id index holds each document's {_id} key and an 8-byte record id.
    const idIndex = documents.reduce(
      (sum, document) => sum + bsonSize(documentOf([['_id', fieldOf(document, '_id') ?? null]])) + 8,
      0,
    );
    const exists = this.collections.has(namespaceText(namespace));
    return {
      ns: namespaceText(namespace),
      count: documents.length,
      size,
      avgObjSize: documents.length > 0 ? Math.floor(size / documents.length) : 0,
      storageSize: size,
      nindexes: exists ? 1 : 0,
      totalIndexSize: idIndex,
      indexSizes: exists ? { _id_: idIndex } : {},
    };
  }

  async openCursor(query: FindQuery): Promise<DocumentCursor> {
    const documents = await this.find(query);
    let position = 0;
    return {
      next: async () => documents[position++] ?? null,
      close: async () => {
        position = documents.length;
      },
    };
  }

  async listCollections(): Promise<Namespace[]> {
    return [...this.collections.values()]
      .map(({ namespace }) => namespace)
      .sort((a, b) => compareText(a.database, b.database) || compareText(a.collection, b.collection));
  }

  async seedIfEmpty(namespace: Namespace, documents: readonly ReaderDocument[]): Promise<boolean> {
    const key = namespaceText(namespace);
    if ((this.collections.get(key)?.stored.length ?? 0) > 0) return false;
    this.collections.set(key, {
      namespace,
      stored: documents.map((document) => ({ document, evaluable: evaluable(document, 'stored') })),
    });
    return true;
  }

  private matching(namespace: Namespace, criteria: ReaderDocument): ReaderDocument[] {
    const stored = this.collections.get(namespaceText(namespace))?.stored ?? [];
    refuseRunawayPatterns(criteria);
    try {
      const query = new Query(evaluable(criteria, 'criteria'), { scriptEnabled: false });
      return stored.filter((entry) => query.test(entry.evaluable)).map((entry) => entry.document);
    } catch (error) {
      // The criteria passed the domain's checks; what mingo still refuses is about what they say.
      throw readerErrors.badQuery(error instanceof Error ? error.message : String(error));
    }
  }
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
