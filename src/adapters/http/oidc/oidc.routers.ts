import type { SignetRouter } from '../signet-context.js';
import { pageMiddleware, type PageMiddlewareDeps } from '../sso-provider/page-middleware.js';
import { oidcInteractionRoutes, type OidcInteractionDeps } from './interaction.routes.js';
import { oidcMountRoutes } from './oidc-mount.routes.js';

export type OidcRoutersDeps = PageMiddlewareDeps &
  OidcInteractionDeps & { config: PageMiddlewareDeps['config'] & OidcInteractionDeps['config'] };

/** The OpenID provider: Signet's own interaction pages first, then the provider under /oidc. */
export function oidcRouters(deps: OidcRoutersDeps): SignetRouter[] {
  return [oidcInteractionRoutes(deps, pageMiddleware(deps)), oidcMountRoutes(deps.oidcProviderHost)];
}
