import type { Context } from 'koa';

/**
 * The address a request came from, for counting failed logins: the socket's, unless TRUST_PROXY
 * says a proxy stands in front. Then it is the last X-Forwarded-For entry, the one that proxy
 * appended; entries before it were written by the client and prove nothing.
 */
export function clientAddress(ctx: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = ctx.get('X-Forwarded-For');
    const last = forwarded
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .pop();
    if (last) return last;
  }
  return ctx.req.socket.remoteAddress ?? 'unknown';
}
