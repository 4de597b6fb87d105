import type { Middleware } from 'koa';
import { isDomainError } from '../../../domain/errors.js';
import type { Logger } from '../../../domain/ports/logger.port.js';
import { statusFor } from '../error-status.js';

export interface ErrorHandlerOptions {
  logger: Logger;
}

/**
 * Turns a thrown DomainError into its status and `{"error": message}`; anything else is a bug:
 * logged, and answered with a 500 that tells the client nothing of the cause.
 */
export function errorHandler({ logger }: ErrorHandlerOptions): Middleware {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
    } catch (error) {
      if (isDomainError(error)) {
        ctx.status = statusFor(error);
        ctx.body = { error: error.message };
        return;
      }
      const status = httpErrorStatus(error);
      if (status !== null && status < 500) {
        ctx.status = status;
        ctx.body = { error: (error as Error).message };
        return;
      }
      logger.error('unhandled error', { method: ctx.method, path: ctx.path, error: describe(error) });
      ctx.status = 500;
      ctx.body = { error: 'internal server error' };
    }
  };
}

/** Koa's own client errors (ctx.throw, malformed input) carry `status` and `expose`. */
function httpErrorStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && expose === true ? status : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
