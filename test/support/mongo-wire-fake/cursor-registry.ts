import { Long, type Document } from 'bson';
import { CommandFailure, okReply } from './command-failure.js';
import { cloneDocument } from './document-values.js';

/** A server's default first batch when the client names no batchSize. */
const defaultFirstBatch = 101;

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
    const size = options.batchSize ?? defaultFirstBatch;
    const batch = documents.slice(0, size);
    let id = 0;
    if (documents.length > size && !options.singleBatch) {
      id = this.nextId++;
      this.open.set(id, { ns, remaining: documents.slice(size).map(cloneDocument) });
    }
    return okReply({ cursor: { firstBatch: batch, id: Long.fromNumber(id), ns } });
  }

  /** The reply to `getMore`: `{ cursor: { nextBatch, id, ns }, ok }`; id 0 once exhausted. */
  nextBatch(id: number, batchSize: number | undefined): Document {
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandFailure('CursorNotFound', `cursor id ${id} not found`);
    const size = batchSize && batchSize > 0 ? batchSize : cursor.remaining.length;
    const batch = cursor.remaining.slice(0, size);
    cursor.remaining = cursor.remaining.slice(size);
    const exhausted = cursor.remaining.length === 0;
    if (exhausted) this.open.delete(id);
    return okReply({ cursor: { nextBatch: batch, id: Long.fromNumber(exhausted ? 0 : id), ns: cursor.ns } });
  }

  /** Closes the cursors; reports which existed, as `killCursors` does. */
  kill(ids: number[]): { killed: number[]; notFound: number[] } {
    const killed: number[] = [];
    const notFound: number[] = [];
    for (const id of ids) (this.open.delete(id) ? killed : notFound).push(id);
    return { killed, notFound };
  }
}
