import type { Clock } from '../../domain/shared/clock.port.js';
import type { DocumentSource } from '../../domain/reader/document-source.port.js';
import { permittedCount } from '../../domain/reader/permitted-query.js';
import type { ReaderLimits } from '../../domain/reader/reader-limits.js';
import { parseCriteriaRequest, type RawReaderRequest } from '../../domain/reader/reader-request.js';
import type { AuthorizeReaderQuery } from './authorize-reader-query.js';
import type { ReaderCaller, Timed } from './reader-caller.js';

export interface CountDocumentsDeps {
  authorizeReaderQuery: AuthorizeReaderQuery;
  documentSource: DocumentSource;
  clock: Clock;
  config: { reader: { limits: ReaderLimits } };
}

/** `_count`: how many documents match the criteria, within what the caller may see. */
export class CountDocuments {
  constructor(private readonly deps: CountDocumentsDeps) {}

  async execute(caller: ReaderCaller, raw: RawReaderRequest): Promise<Timed<number>> {
    const { authorizeReaderQuery, documentSource, clock, config } = this.deps;
    const { namespace, criteria } = parseCriteriaRequest(raw);
    const { permit } = await authorizeReaderQuery.execute(caller, { namespace, command: 'count', criteria: criteria.document });
    const query = permittedCount(namespace, criteria, permit, config.reader.limits);
    const started = clock.now();
    const count = await documentSource.count(query);
    return { result: count, spanMs: clock.now() - started };
  }
}
