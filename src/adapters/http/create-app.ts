import Koa from 'koa';
import type { AuthenticateApiRequest } from '../../application/api-auth/authenticate-api-request.js';
import type { CheckHealth } from '../../application/health/check-health.js';
import type { Logger } from '../../domain/ports/logger.port.js';
import { createApiAuth } from './middleware/api-auth.js';
import { errorHandler } from './middleware/error-handler.js';
import { fallbackErrorBody } from './middleware/fallback-error-body.js';
import { securityHeaders } from './middleware/security-headers.js';
import { demoApiRoutes } from './routes/demo-api.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import type { SignetRouter } from './signet-context.js';
import { ssoProviderRouters, type SsoProviderRoutersDeps } from './sso-provider-routers.js';

/** What the HTTP edge needs from the container; Awilix's cradle is passed as is. */
export interface AppDeps extends SsoProviderRoutersDeps {
  logger: Logger;
  config: { trustProxy: boolean; session: { secret: string; isDevelopmentSecret: boolean } } & SsoProviderRoutersDeps['config'];
  authenticateApiRequest: AuthenticateApiRequest;
  checkHealth: CheckHealth;
}

/** Every router of the service, in the order they are mounted. Entry points are discovered from these. */
export function buildRouters(deps: AppDeps): SignetRouter[] {
  let authenticate: AuthenticateApiRequest | undefined;
  const apiAuth = createApiAuth({ authenticate: () => (authenticate ??= deps.authenticateApiRequest) });
  return [healthRoutes(deps), demoApiRoutes({ apiAuth }), ...ssoProviderRouters(deps, apiAuth)];
}

/** Builds the Koa application; it never listens (main.ts and the tests do). */
export function createApp(deps: AppDeps, routers: readonly SignetRouter[] = buildRouters(deps)): Koa {
  const app = new Koa({ proxy: deps.config.trustProxy });
  // Signs the session cookie.
  app.keys = [deps.config.session.secret];
  if (deps.config.session.isDevelopmentSecret && !deps.config.isProduction) {
    deps.logger.warn('SESSION_SECRET is not set: session cookies are signed with the fixed development secret');
  }
  app.silent = true;
  app.use(securityHeaders());
  app.use(errorHandler({ logger: deps.logger }));
  app.use(fallbackErrorBody());
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
