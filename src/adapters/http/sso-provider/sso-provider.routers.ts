import type { ApiAuthMiddleware } from '../api-auth/api-auth.middleware.js';
import type { SignetRouter } from '../signet-context.js';
import { pageMiddleware, type PageMiddlewareDeps } from './page-middleware.js';
import { providerPagesRoutes, type ProviderPagesDeps } from './provider-pages.routes.js';
import { ssoRoutes, type SsoRoutesDeps } from './sso.routes.js';

export type SsoProviderRoutersDeps = PageMiddlewareDeps &
  ProviderPagesDeps &
  SsoRoutesDeps & { config: PageMiddlewareDeps['config'] & ProviderPagesDeps['config'] };

/** The routers of the SSO provider: its own pages and the `/sso/` handshake. */
export function ssoProviderRouters(deps: SsoProviderRoutersDeps, apiAuth: () => ApiAuthMiddleware): SignetRouter[] {
  const pages = pageMiddleware(deps);
  return [providerPagesRoutes(deps, pages), ssoRoutes(deps, apiAuth, pages)];
}
