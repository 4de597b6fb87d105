import type { BackendConnection } from '../backend-connection.js';
import type {
  CollectionStats,
  CountQuery,
  DocumentCursor,
  DocumentSeeder,
  DocumentSource,
  FindQuery,
} from '../../domain/reader/document-source.port.js';
import { namespaceText, type Namespace } from '../../domain/reader/namespace.js';
import type { ReaderDocument } from '../../domain/reader/reader-value.js';
import { compareText } from '../../domain/reader/value-order.js';
import { collectionStats, readerDocuments } from './memory-query.protocol.js';
import { MemoryQueryThread } from './memory-query-thread.js';
import { z } from 'zod';

/** An export's documents come from the query thread this many at a time, as the client takes them. */
const EXPORT_BATCH = 200;
const positions = z.instanceof(Int32Array);

/**
 * Collections held in memory, for the demo and for tests, queried on a thread of their own (see
 * MemoryQueryThread): every query holds to its maxTimeMs as on a MongoDB server, and none blocks the
 * server's thread. A sorted find keeps only the best skip + limit documents while it reads.
 */
export class MemoryDocumentSource implements DocumentSource, DocumentSeeder, BackendConnection {
  readonly name = 'memory document source';
  private readonly thread = new MemoryQueryThread();
  /** Which collections exist, and how many documents each holds. */
  private readonly sizes = new Map<string, { namespace: Namespace; count: number }>();

  async open(): Promise<void> {
    this.thread.warm();
  }

  async close(): Promise<void> {
    await this.thread.close();
  }

  async find(query: FindQuery): Promise<ReaderDocument[]> {
    return readerDocuments.parse(await this.thread.run({ op: 'find', query }, query.maxTimeMs));
  }

  async count(query: CountQuery): Promise<number> {
    const { namespace, criteria, maxTimeMs } = query;
    return z.number().parse(await this.thread.run({ op: 'count', namespace, criteria }, maxTimeMs));
  }

  async stats(namespace: Namespace, maxTimeMs: number): Promise<CollectionStats> {
    return collectionStats.parse(await this.thread.run({ op: 'stats', namespace }, maxTimeMs));
  }

  /**
   * Chooses the documents at once (within the time limit), then hands them over a batch at a time
   * as they are asked for: the server holds their positions and one batch, never the whole result.
   */
  async openCursor(query: FindQuery): Promise<DocumentCursor> {
    const chosen = positions.parse(await this.thread.run({ op: 'select', query }, query.maxTimeMs));
    let next = 0;
    let batch: ReaderDocument[] = [];
    let inBatch = 0;
    return {
      next: async () => {
        if (inBatch >= batch.length) {
          if (next >= chosen.length) return null;
          const wanted = chosen.slice(next, next + EXPORT_BATCH);
          next += wanted.length;
          const fetched = await this.thread.run(
            { op: 'fetch', namespace: query.namespace, positions: wanted, projection: query.projection, masks: query.masks },
            query.maxTimeMs,
          );
          batch = readerDocuments.parse(fetched);
          inBatch = 0;
        }
        return batch[inBatch++] ?? null;
      },
      close: async () => {
        next = chosen.length;
        batch = [];
      },
    };
  }

  async listCollections(): Promise<Namespace[]> {
    return [...this.sizes.values()]
      .map(({ namespace }) => namespace)
      .sort((a, b) => compareText(a.database, b.database) || compareText(a.collection, b.collection));
  }

  async seedIfEmpty(namespace: Namespace, documents: readonly ReaderDocument[]): Promise<boolean> {
    const key = namespaceText(namespace);
    if ((this.sizes.get(key)?.count ?? 0) > 0) return false;
    this.sizes.set(key, { namespace, count: documents.length });
    this.thread.load(namespace, documents);
    return true;
  }
}
