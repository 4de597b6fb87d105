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
    if (last) return withoutPort(last);
  }
  return ctx.req.socket.remoteAddress ?? 'unknown';
}

/** Some proxies write `ip:port` (`[ipv6]:port`): the port changes with every connection, the client does not. */
function withoutPort(entry: string): string {
  const ipv4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  if (ipv4?.[1]) return ipv4[1];
  const ipv6 = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(entry);
  return ipv6?.[1] ?? entry;
}
