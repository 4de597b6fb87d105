import type { Context } from 'koa';

/** Messages for the statuses Koa and the routers set without a body. */
const messages: Readonly<Record<number, string>> = {
  404: 'not found',
  405: 'method not allowed',
  501: 'method not supported',
};

/**
 * Gives a JSON `{"error": ...}` body to a response that left the routers with an error status and
 * no body (no route matched, or the route has no such method), so that clients always get one.
 */
export function fillEmptyErrorBody(ctx: Context): void {
  const message = messages[ctx.status];
  if (message !== undefined && ctx.body === undefined) {
    const status = ctx.status;
    ctx.body = { error: message };
    ctx.status = status;
  }
}
