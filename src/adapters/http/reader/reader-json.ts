import type { Middleware } from 'koa';
import type { RawReaderRequest } from '../../../domain/reader/reader-request.js';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { answeringFailures } from '../failure.js';
import type { ReaderContext } from './reader-state.js';

/**
 * The reader's JSON answers in dj-mongo-reader's shape: a refusal is `{"ok": 0, "error": "..."}`
 * with its status (400, 401, 403, 503...); anything else is a bug, logged and answered 500 without
 * its cause. Runs first on every reader API route, so that the signature and session checks'
 * refusals take this shape too.
 */
export function readerJsonErrors(logger: Logger): Middleware {
  return async function readerJsonErrorsMiddleware(ctx, next) {
    await answeringFailures(ctx, next, logger, {
      refuse: (failure) => {
        ctx.status = failure.status;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { ok: 0, error: failure.message };
      },
      fail: () => {
        ctx.status = 500;
        ctx.body = { ok: 0, error: 'internal server error' };
      },
    });
  };
}

/** An answer: `{"ok": 1, ...fields, "span": seconds}`, never cached (it is one user's view of the data). */
export function answer(ctx: ReaderContext, fields: Record<string, unknown>, spanMs: number): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { ok: 1, ...fields, span: spanMs / 1000 };
}

/** The same answer with one field already written as JSON text (a find's documents, written as relaxed Extended JSON). */
export function answerWritten(ctx: ReaderContext, field: string, json: string, spanMs: number): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = `{"ok":1,${JSON.stringify(field)}:${json},"span":${spanMs / 1000}}`;
}

/** The request as the use cases take it: the names from the path, the parameters as parsed (repeats as arrays). */
export function rawRequest(ctx: ReaderContext): RawReaderRequest {
  return { database: ctx.params.db ?? '', collection: ctx.params.col ?? '', parameters: ctx.query };
}
