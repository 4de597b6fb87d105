import type { Context } from 'koa';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { describeForLog, failureOf } from '../failure.js';

/**
 * Answers a failure in JSON: a refusal with its status and `{"error": message}` (its headers, such
 * as Retry-After, set); anything else is a bug: logged, and answered with a 500 that tells the
 * client nothing.
 */
export function answerJsonFailure(ctx: Context, error: unknown, logger: Logger): void {
  const failure = failureOf(error);
  if (failure) {
    ctx.set(failure.headers);
    ctx.status = failure.status;
    ctx.body = { error: failure.message };
    return;
  }
  const reqId = ctx.response.get('X-Request-Id');
  logger.error('unhandled error', {
    ...(reqId ? { reqId } : {}),
    method: ctx.method,
    path: ctx.path,
    error: describeForLog(error),
  });
  ctx.status = 500;
  ctx.body = { error: 'internal server error' };
}
