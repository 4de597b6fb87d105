import type { Middleware } from 'koa';

/** Answers what no router matched with a JSON 404, so that clients always get `{"error": ...}`. */
export function notFound(): Middleware {
  return async function notFoundMiddleware(ctx, next) {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.body = { error: 'not found' };
    }
  };
}
