import type { RouterMiddleware } from '@koa/router';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { answeringFailures, type FailureAnswers } from '../failure.js';
import { renderPage } from '../pages/page-views.js';
import type { PageContext, PageState } from '../signet-context.js';

/**
 * The pages' counterpart of errorHandler(): a refusal becomes a short HTML page with its status (and
 * Retry-After when it says when to retry); anything else is logged and answered with a 500 page that
 * tells nothing of the cause.
 */
export function htmlErrors(logger: Logger): RouterMiddleware<PageState> {
  const answers: FailureAnswers<PageContext> = {
    refuse: (failure, ctx) => renderPage(ctx, 'error', { message: failure.message }, failure.status),
    fail: (ctx) => renderPage(ctx, 'error', { message: 'Something went wrong on our side. Please try again later.' }, 500),
  };
  return function htmlErrorsMiddleware(ctx: PageContext, next: () => Promise<unknown>) {
    return answeringFailures(ctx, next, logger, answers);
  };
}
