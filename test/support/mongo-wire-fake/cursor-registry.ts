import { Long, calculateObjectSize, type Document } from 'bson';
import { CommandFailure, okReply } from './command-failure.js';
import { cloneDocument } from './document-values.js';

/** A server's default first batch when the client names no batchSize. */
const defaultFirstBatch = 101;
/** A batch stops before the document that would take it past 16 MiB (it always holds at least one). */
const maxBatchBytes = 16 * 1024 * 1024;

interface OpenCursor {
  readonly ns: string;
  remaining: Document[];
}

/** Result sets that did not fit in one batch, waiting for `getMore`. */
export class CursorRegistry {
  // Real servers use random 64-bit ids; counting up is enough to tell cursors apart here.
  private nextId = 1;
  private readonly open = new Map<number, OpenCursor>();

  /** The reply to a command that opens a cursor over `documents`: `{ cursor: { firstBatch, id, ns }, ok }`. */
  firstBatch(ns: string, documents: Document[], options: { batchSize?: number; singleBatch?: boolean } = {}): Document {
    const batch = takeBatch(documents, options.batchSize ?? defaultFirstBatch);
    let id = 0;
    if (documents.length > batch.length && !options.singleBatch) {
      id = this.nextId++;
      this.open.set(id, { ns, remaining: documents.slice(batch.length).map(cloneDocument) });
    }
    return okReply({ cursor: { firstBatch: batch, id: Long.fromNumber(id), ns } });
  }

  /**
   * The reply to `getMore` from namespace `ns`: `{ cursor: { nextBatch, id, ns }, ok }`, id 0 once
   * exhausted. Without a batchSize a server fills the batch up to its size limit.
   */
  nextBatch(id: number, ns: string, batchSize: number | undefined): Document {
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandFailure('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new CommandFailure(
        'Unauthorized',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    const batch = takeBatch(cursor.remaining, batchSize && batchSize > 0 ? batchSize : cursor.remaining.length);
    cursor.remaining = cursor.remaining.slice(batch.length);
    const exhausted = cursor.remaining.length === 0;
    if (exhausted) this.open.delete(id);
    return okReply({ cursor: { nextBatch: batch, id: Long.fromNumber(exhausted ? 0 : id), ns: cursor.ns } });
  }

  /** Closes the cursors of namespace `ns`; reports which existed there, as `killCursors` does. */
  kill(ns: string, ids: number[]): { killed: number[]; notFound: number[] } {
    const killed: number[] = [];
    const notFound: number[] = [];
    for (const id of ids) {
      // A cursor of another namespace is not this command's to close.
      const found = this.open.get(id)?.ns === ns && this.open.delete(id);
      (found ? killed : notFound).push(id);
    }
    return { killed, notFound };
  }
}

function takeBatch(documents: Document[], count: number): Document[] {
  const batch: Document[] = [];
  let bytes = 0;
  for (const document of documents.slice(0, count)) {
    bytes += calculateObjectSize(document);
    if (batch.length > 0 && bytes > maxBatchBytes) break;
    batch.push(document);
  }
  return batch;
}
