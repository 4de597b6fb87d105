import type { RouterMiddleware } from '@koa/router';
import type { Logger } from '../../../domain/ports/logger.port.js';
import { answeringFailures } from '../failure.js';
import { renderPage } from '../pages/page-views.js';
import type { PageContext, PageState } from '../signet-context.js';

/**
 * The pages' counterpart of errorHandler(): a refusal becomes a short HTML page with its status (and
 * Retry-After when it says when to retry); anything else is logged and answered with a 500 page that
 * tells nothing of the cause.
 */
export function htmlErrors(logger: Logger): RouterMiddleware<PageState> {
  return async function htmlErrorsMiddleware(ctx: PageContext, next: () => Promise<unknown>) {
    await answeringFailures(ctx, next, logger, {
      refuse: (failure) => renderPage(ctx, 'error', { message: failure.message }, failure.status),
      fail: () => renderPage(ctx, 'error', { message: 'Something went wrong on our side. Please try again later.' }, 500),
    });
  };
}
