import type { AuthenticateApiRequest } from '../../application/api-auth/authenticate-api-request.js';
import { accountRouters, type AccountRoutersDeps } from './account/account.routers.js';
import { adminRouters, type AdminRoutersDeps } from './admin/admin.routers.js';
import { createApiAuth } from './api-auth/api-auth.middleware.js';
import { demoApiRoutes } from './api-auth/demo-api.routes.js';
import { discoverEntryPoints } from './api-auth/entry-point-discovery.js';
import { healthRoutes, type HealthRoutesDeps } from './health/health.routes.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { oidcRouters, type OidcRoutersDeps } from './oidc/oidc.routers.js';
import { passkeysRouters, type PasskeysRoutersDeps } from './passkeys/passkeys.routers.js';
import { openApiRoutes } from './openapi/openapi.routes.js';
import type { RouteDocs } from './openapi/route-docs.js';
import { assetsRoutes } from './pages/assets.routes.js';
import { readerRouters, type ReaderRoutersDeps } from './reader/reader.routers.js';
import type { SignetRouter } from './signet-context.js';
import { ssoApiDocs } from './sso-provider/sso-api.docs.js';
import { ssoProviderRouters, type SsoProviderRoutersDeps } from './sso-provider/sso-provider.routers.js';

/** What the HTTP edge needs from the container; the cradle is passed as is. */
export type RoutersDeps = HealthRoutesDeps &
  SsoProviderRoutersDeps &
  ReaderRoutersDeps &
  AdminRoutersDeps &
  OidcRoutersDeps &
  PasskeysRoutersDeps &
  AccountRoutersDeps & {
    authenticateApiRequest: AuthenticateApiRequest;
    config: SsoProviderRoutersDeps['config'] &
      ReaderRoutersDeps['config'] &
      OidcRoutersDeps['config'] &
      PasskeysRoutersDeps['config'] &
      AccountRoutersDeps['config'] & { trustProxy: boolean };
  };

/** Documentation of routes that cannot carry their own, by `METHOD /pattern`, for `/openapi.json`. */
const described: ReadonlyMap<string, RouteDocs> = new Map([...ssoApiDocs]);

/**
 * Every router of the service, one block per capability, in the order they are mounted. Entry points
 * are discovered from these, and `/openapi.json` describes them.
 */
export function buildRouters(deps: RoutersDeps, version = '0'): SignetRouter[] {
  const apiAuth = createApiAuth(deps.authenticateApiRequest, { trustProxy: deps.config.trustProxy });
  const routers: SignetRouter[] = [];
  const discovered = () => discoverEntryPoints(routers);
  routers.push(
    healthRoutes(deps),
    assetsRoutes(deps.config.sso.templatesDir),
    openApiRoutes(() => buildOpenApiDocument(routers, { version, described })),
    demoApiRoutes(apiAuth),
    ...ssoProviderRouters(deps, apiAuth),
    ...accountRouters(deps),
    ...oidcRouters(deps),
    ...passkeysRouters(deps),
    ...readerRouters(deps, apiAuth),
    ...adminRouters(deps, apiAuth, discovered),
  );
  return routers;
}
