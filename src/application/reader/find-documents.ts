import type { Clock } from '../../domain/shared/clock.port.js';
import type { DocumentSource } from '../../domain/reader/document-source.port.js';
import { permittedFind, visible } from '../../domain/reader/permitted-query.js';
import type { ReaderLimits } from '../../domain/reader/reader-limits.js';
import { parseFindRequest, type RawReaderRequest } from '../../domain/reader/reader-request.js';
import type { ReaderDocument } from '../../domain/reader/reader-value.js';
import type { AuthorizeReaderQuery } from './authorize-reader-query.js';
import type { ReaderCaller, Timed } from './reader-caller.js';

export interface FindDocumentsDeps {
  authorizeReaderQuery: AuthorizeReaderQuery;
  documentSource: DocumentSource;
  clock: Clock;
  config: { reader: { limits: ReaderLimits } };
}

/** `_find`: the documents a caller may see, as the request asks for them (dj-mongo-reader's cmd_find). */
export class FindDocuments {
  constructor(private readonly deps: FindDocumentsDeps) {}

  async execute(caller: ReaderCaller, raw: RawReaderRequest): Promise<Timed<ReaderDocument[]>> {
    const { authorizeReaderQuery, documentSource, clock, config } = this.deps;
    const request = parseFindRequest(raw);
    const { permit } = await authorizeReaderQuery.execute(caller, {
      namespace: request.namespace,
      command: 'find',
      criteria: request.criteria.document,
    });
    const query = permittedFind(request, permit, config.reader.limits);
    const started = clock.now();
    const documents = await documentSource.find(query);
    return { result: documents.map((document) => visible(document, permit)), spanMs: clock.now() - started };
  }
}
