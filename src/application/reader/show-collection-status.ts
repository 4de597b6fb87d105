import type { Clock } from '../../domain/shared/clock.port.js';
import type { CollectionStats, DocumentSource } from '../../domain/reader/document-source.port.js';
import { parseNamespace } from '../../domain/reader/namespace.js';
import type { ReaderLimits } from '../../domain/reader/reader-limits.js';
import type { RawReaderRequest } from '../../domain/reader/reader-request.js';
import type { AuthorizeReaderQuery } from './authorize-reader-query.js';
import type { ReaderCaller, Timed } from './reader-caller.js';

export interface ShowCollectionStatusDeps {
  authorizeReaderQuery: AuthorizeReaderQuery;
  documentSource: DocumentSource;
  clock: Clock;
  config: { reader: { limits: ReaderLimits } };
}

/** `_status`: the collection's statistics (count, sizes, indexes), as dj-mongo-reader's collstats gave them. */
export class ShowCollectionStatus {
  constructor(private readonly deps: ShowCollectionStatusDeps) {}

  async execute(caller: ReaderCaller, raw: RawReaderRequest): Promise<Timed<CollectionStats>> {
    const { authorizeReaderQuery, documentSource, clock, config } = this.deps;
    const namespace = parseNamespace(raw.database, raw.collection);
    await authorizeReaderQuery.execute(caller, { namespace, command: 'status' });
    const started = clock.now();
    const stats = await documentSource.stats(namespace, config.reader.limits.maxTimeMs);
    return { result: stats, spanMs: clock.now() - started };
  }
}
