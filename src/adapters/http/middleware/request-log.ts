import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { redactTarget } from '../../../domain/shared/redaction.js';

/** Longer targets are cut in the log (the limit on targets is 8 KiB): a line stays readable. */
const LOGGED_TARGET_CHARS = 1024;

/** A request id a proxy in front may hand on: short, and safe to echo in a header and a log. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One log line per request, at info, once it has been answered: `{reqId, method, route, url,
 * status, ms, apiKey, user}`. `route` is the pattern the router matched (null when none did), `url`
 * the target with the value of every secret query parameter (signature, tokens, passwords)
 * redacted, `apiKey` the key a signed request was verified with, `user` who it acts for or who is
 * logged in on a page. The id is sent back as `X-Request-Id`; behind a trusted proxy, the proxy's
 * own `X-Request-Id` is kept, so that one id follows a request through both logs. With the log
 * off (`enabled` false, LOG_LEVEL above info) there is no line for an id to name: neither is made.
 */
export class RequestLog {
  // A random prefix per process and a counter: unique across instances, and cheaper than a UUID.
  private readonly prefix = randomBytes(6).toString('base64url');
  private counter = 0;

  constructor(
    private readonly logger: Logger,
    private readonly options: { trustProxy: boolean; enabled: boolean },
  ) {}

  /** Gives the request its id, and says when it began (ms, monotonic); nothing when the log is off. */
  begin(ctx: Context): number {
    if (!this.options.enabled) return 0;
    const forwarded = this.options.trustProxy ? ctx.get('X-Request-Id') : '';
    const id = FORWARDED_ID.test(forwarded) ? forwarded : `${this.prefix}-${(this.counter += 1).toString(36)}`;
    ctx.set('X-Request-Id', id);
    return performance.now();
  }

  /** Writes the request's line, once it has been answered; nothing when the log is off. */
  end(ctx: Context, started: number): void {
    if (!this.options.enabled) return;
    const { apiKey, user } = identityOf(ctx.state);
    this.logger.info('request', {
      reqId: ctx.response.get('X-Request-Id'),
      method: ctx.method,
      route: matchedRoute(ctx),
      url: loggedTarget(ctx.originalUrl),
      status: ctx.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
      apiKey,
      user,
    });
  }
}

function loggedTarget(target: string): string {
  const redacted = redactTarget(target);
  return redacted.length > LOGGED_TARGET_CHARS ? `${redacted.slice(0, LOGGED_TARGET_CHARS)}...` : redacted;
}

function matchedRoute(ctx: Context): string | null {
  const route: unknown = Reflect.get(ctx, '_matchedRoute');
  return typeof route === 'string' ? route : null;
}

/**
 * Who the request was for, read from what the routes left on `ctx.state`: the verified principal of
 * a signed request, or the session of a page. Read defensively: the log must not fail a request.
 */
function identityOf(state: object): { apiKey: string | null; user: string | null } {
  if ('principal' in state && isRecord(state.principal)) {
    const { apiKey, username } = state.principal;
    return { apiKey: typeof apiKey === 'string' ? apiKey : null, user: typeof username === 'string' ? username : null };
  }
  if ('session' in state && isRecord(state.session)) {
    const current: unknown = state.session.current;
    const username = isRecord(current) ? current.username : undefined;
    return { apiKey: null, user: typeof username === 'string' ? username : null };
  }
  return { apiKey: null, user: null };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}
