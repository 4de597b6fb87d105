import type { Context } from 'koa';
import { isDomainError } from '../../domain/errors.js';
import type { Logger } from '../../domain/shared/logger.port.js';
import { statusFor } from './error-status.js';
import { isExposedHttpError } from './http-errors.js';

/** How a refusal is answered: its status, the message a client may see, and headers such as Retry-After. */
export interface Failure {
  status: number;
  message: string;
  headers: Record<string, string>;
}

/**
 * The answer to a thrown error when a client may be told about it: a DomainError (status from the
 * table, Retry-After when it says when to retry) or an exposed http-errors error. null for anything
 * else, which is a bug: it is logged and answered with a 500 that tells nothing of the cause.
 */
export function failureOf(error: unknown): Failure | null {
  if (isDomainError(error)) {
    const retryAfter = error.details.retryAfterSeconds;
    return {
      status: statusFor(error),
      message: error.message,
      headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    };
  }
  if (isExposedHttpError(error)) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(error.headers ?? {})) headers[name] = value;
    return { status: error.status, message: error.message, headers };
  }
  return null;
}

/** An error's description for the log: its stack, or what it is. */
export function describeForLog(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** How an edge answers a failure; made once, with the middleware, rather than per request. */
export interface FailureAnswers<Ctx extends Context> {
  /** The failure first: a Koa context has a `status` and a `message` too, so a callback that names one parameter must get the failure. */
  refuse: (failure: Failure, ctx: Ctx) => Promise<void> | void;
  fail: (ctx: Ctx) => Promise<void> | void;
}

/**
 * Runs the rest of the chain and answers what it throws: a refusal through `refuse` (its headers
 * already set), anything else, a bug, logged and through `fail`. Shared by the JSON and HTML edges.
 */
export async function answeringFailures<Ctx extends Context>(
  ctx: Ctx,
  next: () => Promise<unknown>,
  logger: Logger,
  answer: FailureAnswers<Ctx>,
): Promise<void> {
  try {
    await next();
  } catch (error) {
    const failure = failureOf(error);
    if (failure) {
      ctx.set(failure.headers);
      await answer.refuse(failure, ctx);
      return;
    }
    logger.error('unhandled error', { method: ctx.method, path: ctx.path, error: describeForLog(error) });
    await answer.fail(ctx);
  }
}
