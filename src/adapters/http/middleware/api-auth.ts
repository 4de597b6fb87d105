import type { Middleware } from 'koa';
import type { AuthenticateApiRequest } from '../../../application/api-auth/authenticate-api-request.js';
import { entryPointName } from '../../../domain/api-auth/entry-point.js';
import type { SignedRequest } from '../../../domain/api-auth/signed-request.js';
import { EMPTY_BODY, hasBody, readRawBody } from '../raw-body.js';
import type { SignetContext, SignetState } from '../signet-context.js';

/** Marks the middleware so that entry-point discovery can find the routes it protects. */
export const API_AUTH_MARK = Symbol.for('signet.apiAuth');

export interface ApiAuthOptions {
  /** Resolves the use case at request time, so routes can be declared before the container exists. */
  authenticate: () => AuthenticateApiRequest;
}

export type ApiAuthMiddleware = Middleware<SignetState> & { [API_AUTH_MARK]: true };

/**
 * Protects one route: verifies the signed request (v1 or v2) and leaves the principal on
 * `ctx.state.principal`. The entry point is the matched route's name, or `METHOD /pattern`.
 */
export function createApiAuth({ authenticate }: ApiAuthOptions): () => ApiAuthMiddleware {
  return function apiAuth(): ApiAuthMiddleware {
    const middleware = async function apiAuthMiddleware(ctx: SignetContext, next: () => Promise<unknown>) {
      const body = ctx.state.rawBody ?? (hasBody(ctx.req) ? await readRawBody(ctx) : EMPTY_BODY);
      const request: SignedRequest = {
        method: ctx.method,
        rawUrl: originForm(ctx.originalUrl),
        headers: ctx.req.headers,
        body,
        entryPoint: matchedEntryPoint(ctx),
      };
      ctx.state.principal = await authenticate().execute(request);
      await next();
    } as ApiAuthMiddleware;
    middleware[API_AUTH_MARK] = true;
    return middleware;
  };
}

/**
 * The path and query of the request target. A proxy may send the absolute form
 * (`GET http://host/path?query`); clients sign only the path and query, so the rest is cut off.
 */
function originForm(target: string): string {
  if (target.charCodeAt(0) === 47 /* '/' */) return target;
  const scheme = target.indexOf('://');
  if (scheme === -1) return target;
  const path = target.indexOf('/', scheme + 3);
  const query = target.indexOf('?', scheme + 3);
  if (path === -1 || (query !== -1 && query < path)) return query === -1 ? '/' : `/${target.slice(query)}`;
  return target.slice(path);
}

function matchedEntryPoint(ctx: SignetContext): string {
  const name = ctx._matchedRouteName;
  if (name) return name;
  const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
  return entryPointName(method, ctx._matchedRoute === undefined ? ctx.path : String(ctx._matchedRoute));
}
