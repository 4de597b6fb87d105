import type { RouterMiddleware } from '@koa/router';
import { isDomainError } from '../../../domain/errors.js';
import type { Logger } from '../../../domain/ports/logger.port.js';
import { statusFor } from '../error-status.js';
import { sendPage, type PageRenderer } from '../page-renderer.js';
import type { SignetContext, SignetState } from '../signet-context.js';

export interface HtmlErrorsOptions {
  renderer: PageRenderer;
  logger: Logger;
}

/**
 * The pages' counterpart of errorHandler(): a DomainError becomes a short HTML page with its status
 * (and Retry-After when the error says when to retry); anything else is logged and answered with a
 * 500 page that tells nothing of the cause.
 */
export function htmlErrors({ renderer, logger }: HtmlErrorsOptions): RouterMiddleware<SignetState> {
  return async function htmlErrorsMiddleware(ctx: SignetContext, next: () => Promise<unknown>) {
    try {
      await next();
    } catch (error) {
      if (isDomainError(error)) {
        const retryAfter = error.details.retryAfterSeconds;
        if (retryAfter !== undefined) ctx.set('Retry-After', String(retryAfter));
        await sendPage(ctx, renderer, 'error.njk', { message: error.message }, statusFor(error));
        return;
      }
      const status = exposedStatus(error);
      if (status !== null) {
        await sendPage(ctx, renderer, 'error.njk', { message: (error as Error).message }, status);
        return;
      }
      logger.error('unhandled error', {
        method: ctx.method,
        path: ctx.path,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      await sendPage(ctx, renderer, 'error.njk', { message: 'Something went wrong on our side. Please try again later.' }, 500);
    }
  };
}

/** Koa's own client errors (ctx.throw, malformed input) carry `status` and `expose`. */
function exposedStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status < 500 && expose === true ? status : null;
}
