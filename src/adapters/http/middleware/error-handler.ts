import type { Context, Middleware } from 'koa';
import type { Logger } from '../../../domain/ports/logger.port.js';
import { answeringFailures, type FailureAnswers } from '../failure.js';

/**
 * Turns a refusal into its status and `{"error": message}` (with Retry-After when it says when to
 * retry); anything else is a bug: logged, and answered with a 500 that tells the client nothing.
 */
export function errorHandler(logger: Logger): Middleware {
  const answers: FailureAnswers<Context> = {
    refuse: (ctx, failure) => {
      ctx.status = failure.status;
      ctx.body = { error: failure.message };
    },
    fail: (ctx) => {
      ctx.status = 500;
      ctx.body = { error: 'internal server error' };
    },
  };
  return function errorHandlerMiddleware(ctx, next) {
    return answeringFailures(ctx, next, logger, answers);
  };
}
