import type { Middleware } from 'koa';

/** Headers every response carries; pages that need more (frame denial, CSP) add their own. */
export function securityHeaders(): Middleware {
  return async function securityHeadersMiddleware(ctx, next) {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    await next();
  };
}
