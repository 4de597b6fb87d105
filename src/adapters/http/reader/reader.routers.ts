import type { ApiAuth } from '../api-auth/api-auth.middleware.js';
import type { SessionDeps } from '../middleware/session.js';
import type { SignetRouter } from '../signet-context.js';
import { pageMiddleware, type PageMiddlewareDeps } from '../sso-provider/page-middleware.js';
import { readerApiRoutes, type ReaderApiDeps } from './reader-api.routes.js';
import { createReaderAuth } from './reader-auth.middleware.js';
import { readerPageRoutes, type ReaderPageDeps } from './reader-page.routes.js';

export type ReaderRoutersDeps = ReaderApiDeps &
  ReaderPageDeps &
  PageMiddlewareDeps &
  SessionDeps & { config: ReaderPageDeps['config'] & PageMiddlewareDeps['config'] };

/** The MongoDB reader: its JSON routes (session or signature) and its page (session). */
export function readerRouters(deps: ReaderRoutersDeps, apiAuth: ApiAuth): SignetRouter[] {
  const readerAuth = createReaderAuth(apiAuth, deps);
  return [readerApiRoutes(deps, readerAuth), readerPageRoutes(deps, pageMiddleware(deps))];
}
