import type { Middleware } from 'koa';
import type { CollectionStats } from '../../../domain/reader/document-source.port.js';
import type { RawReaderRequest } from '../../../domain/reader/reader-request.js';
import type { ReaderDocument, ReaderValue } from '../../../domain/reader/reader-value.js';
import { relaxedText, toRelaxedJson, type JsonValue } from '../../../domain/reader/relaxed-json.js';
import { answer, answerWritten } from './reader-json.js';
import type { ReaderContext } from './reader-state.js';

/**
 * How the reader's JSON routes write what they found: Signet's own answers, or another shape for
 * pages written against another reader (READER_COMPAT). The routes do the work; this writes it.
 */
export interface ReaderAnswers {
  /** Runs inside authentication, around each route's work: where the work's refusals may be re-shaped. */
  readonly around: Middleware;
  /** A find's request as the use case takes it. */
  findRequest(ctx: ReaderContext, raw: RawReaderRequest): RawReaderRequest;
  /** A find's documents. */
  documents(ctx: ReaderContext, documents: readonly ReaderDocument[], spanMs: number): void;
  /** A collection's statistics. */
  status(ctx: ReaderContext, stats: CollectionStats, spanMs: number): void;
  /** One value inside another answer (the overview's filters). */
  value(value: ReaderValue): JsonValue;
}

/** Signet's own answers: relaxed Extended JSON, refusals with their HTTP statuses, `_status` with its eight fields. */
export const nativeReaderAnswers: ReaderAnswers = {
  around: async function nativeReaderAnswersMiddleware(_ctx, next) {
    await next();
  },
  findRequest: (_ctx, raw) => raw,
  documents(ctx, documents, spanMs) {
    answerWritten(ctx, 'results', `[${documents.map((document) => relaxedText(document)).join(',')}]`, spanMs);
  },
  status(ctx, stats, spanMs) {
    const { ns, count, size, avgObjSize, storageSize, nindexes, totalIndexSize, indexSizes } = stats;
    answer(ctx, { status: { ns, count, size, avgObjSize, storageSize, nindexes, totalIndexSize, indexSizes } }, spanMs);
  },
  value: toRelaxedJson,
};
