import type { RouterMiddleware } from '@koa/router';
import type { Logger } from '../../../domain/ports/logger.port.js';
import { describeForLog, failureOf } from '../failure.js';
import { renderPage } from '../pages/page-views.js';
import type { PageContext, PageState } from '../signet-context.js';

/**
 * The pages' counterpart of errorHandler(): a refusal becomes a short HTML page with its status (and
 * Retry-After when it says when to retry); anything else is logged and answered with a 500 page that
 * tells nothing of the cause.
 */
export function htmlErrors(logger: Logger): RouterMiddleware<PageState> {
  return async function htmlErrorsMiddleware(ctx: PageContext, next: () => Promise<unknown>) {
    try {
      await next();
    } catch (error) {
      const failure = failureOf(error);
      if (failure) {
        ctx.set(failure.headers);
        await renderPage(ctx, 'error', { message: failure.message }, failure.status);
        return;
      }
      logger.error('unhandled error', { method: ctx.method, path: ctx.path, error: describeForLog(error) });
      await renderPage(ctx, 'error', { message: 'Something went wrong on our side. Please try again later.' }, 500);
    }
  };
}
