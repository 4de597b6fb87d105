import type { DocumentCursor, DocumentSource } from '../../domain/reader/document-source.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';
import type { Permit } from '../../domain/reader/query-permissioning.js';
import { permittedExport, visible } from '../../domain/reader/permitted-query.js';
import type { ReaderLimits } from '../../domain/reader/reader-limits.js';
import { parseExportRequest, type ExportColumn, type RawReaderRequest } from '../../domain/reader/reader-request.js';
import type { ReaderDocument } from '../../domain/reader/reader-value.js';
import type { AuthorizeReaderQuery } from './authorize-reader-query.js';
import type { ReaderCaller } from './reader-caller.js';

export interface ExportDocumentsDeps {
  authorizeReaderQuery: AuthorizeReaderQuery;
  documentSource: DocumentSource;
  logger: Logger;
  config: { reader: { limits: ReaderLimits } };
}

/** An export under way: its columns, and its documents one at a time. */
export interface DocumentExport {
  readonly columns: readonly ExportColumn[];
  /** Ending the iteration early (a client that went away) closes the source's cursor. */
  readonly documents: AsyncIterable<ReaderDocument>;
}

/**
 * `exportcsv/`: the matching documents, the columns' fields only, streamed from a cursor so that
 * no more than a batch is held at once. The first document is read before this resolves, so that a
 * query the source refuses is refused before any of the answer is sent.
 */
export class ExportDocuments {
  constructor(private readonly deps: ExportDocumentsDeps) {}

  async execute(caller: ReaderCaller, raw: RawReaderRequest): Promise<DocumentExport> {
    const { authorizeReaderQuery, documentSource, config } = this.deps;
    const request = parseExportRequest(raw);
    const { permit } = await authorizeReaderQuery.execute(caller, {
      namespace: request.namespace,
      command: 'export',
      criteria: request.criteria.document,
    });
    const { query, columns } = permittedExport(request, permit, config.reader.limits);
    const cursor = await documentSource.openCursor(query);
    let first: ReaderDocument | null;
    try {
      first = await cursor.next();
    } catch (error) {
      await cursor.close();
      throw error;
    }
    return { columns, documents: this.drain(cursor, first, permit) };
  }

  private async *drain(cursor: DocumentCursor, first: ReaderDocument | null, permit: Permit): AsyncGenerator<ReaderDocument> {
    let rows = 0;
    try {
      for (let document = first; document !== null; document = await cursor.next()) {
        rows += 1;
        yield visible(document, permit);
      }
    } catch (error) {
      // The answer has begun: the client gets a cut-off file, and only the log can say why.
      this.deps.logger.warn('an export stopped part way', {
        rows,
        reason: error instanceof Error ? error.message : String(error),
      });
      throw error;
    } finally {
      await cursor.close();
    }
  }
}
