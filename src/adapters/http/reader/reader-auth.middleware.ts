import type { RouterMiddleware } from '@koa/router';
import { isV2Authorization } from '../../../domain/api-auth/authorization-header.js';
import { readerErrors } from '../../../domain/reader/reader.errors.js';
import { API_AUTH_MARK, type ApiAuth } from '../api-auth/api-auth.middleware.js';
import { session, type SessionDeps } from '../middleware/session.js';
import type { ReaderContext, ReaderState } from './reader-state.js';

/** v1's parameters: any of them makes a request a signed one. */
const V1_PARAMETERS = ['apikey', 'timestamp', 'signature'] as const;

export type ReaderAuthMiddleware = RouterMiddleware<ReaderState> & { [API_AUTH_MARK]: true };

/**
 * `readerAuth()` lets a route be called two ways: by a browser logged in on the provider (the
 * session cookie), or by a signed API request. A request that carries any part of a signature (a
 * v1 parameter, or a v2 Authorization header) is a signed one and goes through apiAuth() itself, as
 * strictly as any entry point: a bad signature is refused even when a session cookie comes with it.
 * Only a request with no part of a signature is looked at for a session. Neither: 401. The route is
 * marked, so entry-point discovery lists it like any other signed route.
 */
export function createReaderAuth(apiAuth: ApiAuth, sessionDeps: SessionDeps): () => ReaderAuthMiddleware {
  return function readerAuth(): ReaderAuthMiddleware {
    const signed = apiAuth<ReaderState>();
    const withSession = session<ReaderState>(sessionDeps);
    const middleware = async function readerAuthMiddleware(ctx: ReaderContext, next: () => Promise<unknown>) {
      if (isSigned(ctx)) {
        await signed(ctx, async () => {
          ctx.state.caller = { username: ctx.state.principal.username, via: 'signature' };
          await next();
        });
        return;
      }
      await withSession(ctx, async () => {
        const current = ctx.state.session.current;
        if (current === null) throw readerErrors.notAuthenticated();
        ctx.state.caller = { username: current.username, via: 'session' };
        await next();
      });
    };
    return Object.assign(middleware, { [API_AUTH_MARK]: true as const });
  };
}

function isSigned(ctx: ReaderContext): boolean {
  const authorization = ctx.get('Authorization');
  return (
    isV2Authorization(authorization === '' ? undefined : authorization) ||
    V1_PARAMETERS.some((name) => ctx.query[name] !== undefined)
  );
}
