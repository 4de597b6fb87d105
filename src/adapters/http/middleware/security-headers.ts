import type { Context } from 'koa';

/** Sets the headers every response carries; pages that need more (frame denial, CSP) add their own. */
export function applySecurityHeaders(ctx: Context): void {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'same-origin');
}
