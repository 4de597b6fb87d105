import type { RouterContext, RouterMiddleware } from '@koa/router';
import type { AuthenticateApiRequest } from '../../../application/api-auth/authenticate-api-request.js';
import { ApiAuthError } from '../../../domain/api-auth/api-auth.errors.js';
import { entryPointName } from '../../../domain/api-auth/entry-point.js';
import type { ApiPrincipal } from '../../../domain/api-auth/signed-request.js';
import { clientAddress } from '../client-address.js';
import type { ApiState } from '../signet-context.js';
import { EMPTY_BODY, hasBody, readRawBody } from '../raw-body.js';

/** Marks the middleware so that entry-point discovery can find the routes it protects. */
export const API_AUTH_MARK = Symbol.for('signet.apiAuth');

export type ApiAuthMiddleware<State extends ApiState = ApiState> = RouterMiddleware<State> & { [API_AUTH_MARK]: true };

/** `apiAuth()`, for a route whose state holds more than the principal (the reader's, which may also come with a session). */
export type ApiAuth = <State extends ApiState = ApiState>() => ApiAuthMiddleware<State>;

export interface ApiAuthOptions {
  /** Believe X-Forwarded-For for the address a key was last used from (TRUST_PROXY). */
  trustProxy: boolean;
}

/**
 * `apiAuth()` protects one route: it verifies the signed request (v1 or v2) and leaves the principal
 * on `ctx.state.principal`. The entry point is the matched route's name, or `METHOD /pattern`.
 */
export function createApiAuth(
  authenticate: Pick<AuthenticateApiRequest, 'execute'>,
  options: ApiAuthOptions = { trustProxy: false },
): ApiAuth {
  return function apiAuth<State extends ApiState = ApiState>(): ApiAuthMiddleware<State> {
    const middleware = async function apiAuthMiddleware(ctx: RouterContext<State>, next: () => Promise<unknown>) {
      const body = hasBody(ctx.req) ? await readRawBody(ctx.req) : EMPTY_BODY;
      let principal: ApiPrincipal;
      try {
        principal = await authenticate.execute({
          method: ctx.method,
          rawUrl: originForm(ctx.originalUrl),
          headers: ctx.req.headers,
          body,
          entryPoint: matchedEntryPoint(ctx),
          address: clientAddress(ctx, options.trustProxy),
        });
      } catch (error) {
        if (!(error instanceof ApiAuthError) || error.explanation === null) throw error;
        // API_AUTH_DEBUG: the refusal carries what the server signed, for the client's developer.
        ctx.status = 403;
        ctx.body = { error: error.message, ...error.explanation };
        return;
      }
      const state: ApiState = ctx.state;
      state.principal = principal;
      await next();
    };
    return Object.assign(middleware, { [API_AUTH_MARK]: true as const });
  };
}

/**
 * The path and query of the request target. A proxy may send the absolute form
 * (`GET http://host/path?query`); clients sign only the path and query, so the rest is cut off.
 */
export function originForm(target: string): string {
  if (target.charCodeAt(0) === 47 /* '/' */) return target;
  const scheme = target.indexOf('://');
  if (scheme === -1) return target;
  const path = target.indexOf('/', scheme + 3);
  const query = target.indexOf('?', scheme + 3);
  if (path === -1 || (query !== -1 && query < path)) return query === -1 ? '/' : `/${target.slice(query)}`;
  return target.slice(path);
}

function matchedEntryPoint<State>(ctx: RouterContext<State>): string {
  const name = ctx._matchedRouteName;
  if (name) return name;
  const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
  return entryPointName(method, ctx._matchedRoute === undefined ? ctx.path : String(ctx._matchedRoute));
}
