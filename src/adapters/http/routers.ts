import type { AuthenticateApiRequest } from '../../application/api-auth/authenticate-api-request.js';
import { createApiAuth } from './api-auth/api-auth.middleware.js';
import { demoApiRoutes } from './api-auth/demo-api.routes.js';
import { healthRoutes, type HealthRoutesDeps } from './health/health.routes.js';
import { assetsRoutes } from './pages/assets.routes.js';
import type { SignetRouter } from './signet-context.js';
import { ssoProviderRouters, type SsoProviderRoutersDeps } from './sso-provider/sso-provider.routers.js';

/** What the HTTP edge needs from the container; the cradle is passed as is. */
export type RoutersDeps = HealthRoutesDeps &
  SsoProviderRoutersDeps & { authenticateApiRequest: AuthenticateApiRequest; config: { trustProxy: boolean } };

/**
 * Every router of the service, one block per capability, in the order they are mounted. Entry points
 * are discovered from these.
 */
export function buildRouters(deps: RoutersDeps): SignetRouter[] {
  const apiAuth = createApiAuth(deps.authenticateApiRequest, { trustProxy: deps.config.trustProxy });
  return [healthRoutes(deps), assetsRoutes(), demoApiRoutes(apiAuth), ...ssoProviderRouters(deps, apiAuth)];
}
