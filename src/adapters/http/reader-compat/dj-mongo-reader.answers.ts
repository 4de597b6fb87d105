import type { Logger } from '../../../domain/shared/logger.port.js';
import { isDomainError } from '../../../domain/errors.js';
import { documentOf } from '../../../domain/reader/reader-value.js';
import { describeForLog, failureOf } from '../failure.js';
import type { ReaderAnswers } from '../reader/reader-answers.js';
import type { ReaderContext } from '../reader/reader-state.js';
import { toLegacyJson } from './legacy-json.js';

export interface DjMongoReaderAnswersDeps {
  logger: Logger;
  /** READER_MAX_LIMIT: what a find without a limit returns at most. */
  maxLimit: number;
}

/**
 * The reader's answers as dj-mongo-reader gave them, for pages written for its front end, which
 * reads only HTTP 200 answers: a refusal or failure of the work is 200 with the original's body
 * (`{"error": "permission disallowed"}`, `{"ok": 0, "error": "<message>"}`), dates are
 * `{"$date": <ms>}`, `_status` carries every statistic the source reported, and a find without a
 * limit returns as many as READER_MAX_LIMIT allows (the original returned every match). Who may
 * read is not re-shaped: `around` runs inside authentication, whose 401 and 403 stay as they are.
 */
export function djMongoReaderAnswers(deps: DjMongoReaderAnswersDeps): ReaderAnswers {
  return {
    around: async function djMongoReaderFailuresMiddleware(ctx, next) {
      try {
        await next();
      } catch (error) {
        const failure = failureOf(error);
        if (failure === null) {
          deps.logger.error('unhandled error', { method: ctx.method, path: ctx.path, error: describeForLog(error) });
        } else {
          ctx.set(failure.headers);
        }
        ctx.status = 200;
        ctx.set('Cache-Control', 'no-store');
        const message = failure?.message ?? 'internal server error';
        ctx.body = isPermissionRefusal(error) ? { error: message } : { ok: 0, error: message };
      }
    },
    findRequest(_ctx, raw) {
      if (raw.parameters.limit !== undefined) return raw;
      // limit=0 is "as many as allowed": READER_MAX_LIMIT, or less where a rule caps it.
      return { ...raw, parameters: { ...raw.parameters, limit: '0' } };
    },
    documents(ctx, documents, spanMs) {
      if (ctx.query.limit === undefined) {
        deps.logger.info('reader: a _find without limit returned at most READER_MAX_LIMIT documents, not every match', {
          db: ctx.params.db,
          col: ctx.params.col,
          returned: documents.length,
          maxLimit: deps.maxLimit,
          compat: 'dj-mongo-reader',
        });
      }
      written(ctx, { results: documents.map(toLegacyJson) }, spanMs);
    },
    status(ctx, stats, spanMs) {
      const { reported, ...own } = stats;
      const status = { ...own, ...asObject(toLegacyJson(reported ?? documentOf([]))) };
      written(ctx, { status }, spanMs);
    },
    value: toLegacyJson,
  };
}

/** dj-mongo-reader's permission check answered `{"error": ...}` alone; its catch-all added `"ok": 0`. */
function isPermissionRefusal(error: unknown): boolean {
  return isDomainError(error) && error.code === 'reader.permission_disallowed';
}

function written(ctx: ReaderContext, fields: Record<string, unknown>, spanMs: number): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { ...fields, ok: 1, span: spanMs / 1000 };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}
