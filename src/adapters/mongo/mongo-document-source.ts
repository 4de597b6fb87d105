import type { AbstractCursor, Collection, Document } from 'mongodb';
import { BackendUnavailableError } from '../../domain/backends/backend.errors.js';
import { isDomainError } from '../../domain/errors.js';
import type {
  CollectionStats,
  CountQuery,
  DocumentCursor,
  DocumentSeeder,
  DocumentSource,
  FindQuery,
} from '../../domain/reader/document-source.port.js';
import { isSystemNamespace, type Namespace } from '../../domain/reader/namespace.js';
import type { ReaderDocument } from '../../domain/reader/reader-value.js';
import { compareText } from '../../domain/reader/value-order.js';
import { LATE, withinDeadline } from '../deadline.js';
import type { MongoConnection } from './mongo-connection.js';
import { maskedFindPipeline } from './mongo-masked-find.js';
import { projectionOf, sortOf, topLevel } from './mongo-query-parts.js';
import { readerFailure } from './mongo-reader-failure.js';
import { collectionStats } from './mongo-stats.js';
import { fromBson } from './mongo-values.js';

export interface MongoDocumentSourceDeps {
  mongoConnection: MongoConnection;
}

/** Documents come in batches of this many while an export streams. */
const EXPORT_BATCH = 1000;
/** How long past maxTimeMS a batch may take to arrive before the server counts as lost. */
const NETWORK_MARGIN_MS = 1000;

/**
 * The MongoDB reader over the official driver: any database and collection of the server the
 * connection reaches. Every query carries maxTimeMS; values keep their BSON types (int32, int64 and
 * doubles apart, regular expressions as written).
 */
export class MongoDocumentSource implements DocumentSource, DocumentSeeder {
  private readonly connection: MongoConnection;

  constructor(deps: MongoDocumentSourceDeps) {
    this.connection = deps.mongoConnection;
  }

  async find(query: FindQuery): Promise<ReaderDocument[]> {
    const cursor = this.cursor(query);
    try {
      return (await cursor.toArray()).map(asReaderDocument);
    } catch (error) {
      throw readerFailure(error, query.maxTimeMs);
    }
  }

  async count(query: CountQuery): Promise<number> {
    try {
      return await this.collection(query.namespace).countDocuments(topLevel(query.criteria), { maxTimeMS: query.maxTimeMs });
    } catch (error) {
      throw readerFailure(error, query.maxTimeMs);
    }
  }

  async stats(namespace: Namespace, maxTimeMs: number): Promise<CollectionStats> {
    try {
      return await collectionStats(this.connection.databaseNamed(namespace.database), namespace, maxTimeMs);
    } catch (error) {
      throw readerFailure(error, maxTimeMs);
    }
  }

  async openCursor(query: FindQuery): Promise<DocumentCursor> {
    const cursor = this.cursor(query).batchSize(EXPORT_BATCH);
    const deadline = query.maxTimeMs + NETWORK_MARGIN_MS;
    return {
      next: async () => {
        let outcome: Document | null | typeof LATE;
        try {
          outcome = await withinDeadline(cursor.next(), deadline);
        } catch (error) {
          // Not under the backend guard (it wraps the port's own methods): a lost server is said so here.
          const failure = readerFailure(error, query.maxTimeMs);
          throw isDomainError(failure) ? failure : new BackendUnavailableError('document source', String(error));
        }
        if (outcome === LATE) throw new BackendUnavailableError('document source', `no batch within ${deadline} ms`);
        return outcome === null ? null : asReaderDocument(outcome);
      },
      close: () => cursor.close(),
    };
  }

  async listCollections(): Promise<Namespace[]> {
    const admin = this.connection.databaseNamed('admin').admin();
    const { databases } = await admin.listDatabases({ nameOnly: true, authorizedDatabases: true });
    const found = await Promise.all(
      databases.map(async ({ name: database }) => {
        if (isSystemNamespace({ database, collection: '' })) return [];
        const collections = await this.connection
          .databaseNamed(database)
          .listCollections({}, { nameOnly: true, authorizedCollections: true })
          .toArray();
        return collections
          .map(({ name }): Namespace => ({ database, collection: name }))
          .filter((namespace) => !isSystemNamespace(namespace));
      }),
    );
    return found.flat().sort((a, b) => compareText(a.database, b.database) || compareText(a.collection, b.collection));
  }

  async seedIfEmpty(namespace: Namespace, documents: readonly ReaderDocument[]): Promise<boolean> {
    const collection = this.collection(namespace);
    if ((await collection.countDocuments({}, { limit: 1 })) > 0) return false;
    await collection.insertMany(documents.map(topLevel));
    return true;
  }

  private cursor(query: FindQuery): AbstractCursor<Document> {
    const { masks } = query;
    if (masks && masks.length > 0) {
      // Masked fields are computed by the server, in an aggregation, and never sent in clear.
      return this.collection(query.namespace).aggregate(maskedFindPipeline({ ...query, masks }), {
        maxTimeMS: query.maxTimeMs,
        promoteValues: false,
        bsonRegExp: true,
      });
    }
    return this.collection(query.namespace).find(topLevel(query.criteria), {
      projection: projectionOf(query.projection),
      sort: sortOf(query.sort),
      skip: query.skip,
      limit: query.limit,
      maxTimeMS: query.maxTimeMs,
      promoteValues: false,
      bsonRegExp: true,
    });
  }

  private collection(namespace: Namespace): Collection {
    return this.connection.databaseNamed(namespace.database).collection(namespace.collection);
  }
}

function asReaderDocument(document: Document): ReaderDocument {
  const value = fromBson(document);
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value && value.kind === 'document'
    ? value
    : { kind: 'document', entries: [] };
}
