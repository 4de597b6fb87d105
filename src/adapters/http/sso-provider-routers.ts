import type { EndSession } from '../../application/sessions/end-session.js';
import type { LoadSession } from '../../application/sessions/load-session.js';
import type { StartSession } from '../../application/sessions/start-session.js';
import type { Logger } from '../../domain/ports/logger.port.js';
import type { ApiAuthMiddleware } from './middleware/api-auth.js';
import { csrf } from './middleware/csrf.js';
import { formBody } from './middleware/form-body.js';
import { htmlErrors } from './middleware/html-errors.js';
import { session } from './middleware/session.js';
import { createPageRenderer } from './page-renderer.js';
import { providerPagesRoutes } from './routes/provider-pages.routes.js';
import { ssoRoutes, type SsoRoutesDeps } from './routes/sso.routes.js';
import type { SignetRouter } from './signet-context.js';

/** What the provider's pages and SSO routes need from the container; the cradle is passed as is. */
export interface SsoProviderRoutersDeps extends SsoRoutesDeps {
  logger: Logger;
  config: { trustProxy: boolean; isProduction: boolean; sso: { templatesDir: string | undefined } };
  loadSession: LoadSession;
  startSession: StartSession;
  endSession: EndSession;
}

/**
 * The routers of the SSO provider: its own pages and the `/sso/` handshake. Use cases are read from
 * `deps` at request time only, so building the routers (for entry-point discovery) resolves nothing.
 */
export function ssoProviderRouters(deps: SsoProviderRoutersDeps, apiAuth: () => ApiAuthMiddleware): SignetRouter[] {
  const renderer = createPageRenderer({ templatesDir: deps.config.sso.templatesDir, cacheTemplates: deps.config.isProduction });
  const pageMiddleware = [
    htmlErrors({ renderer, logger: deps.logger }),
    session({
      loadSession: () => deps.loadSession,
      startSession: () => deps.startSession,
      endSession: () => deps.endSession,
    }),
    formBody(),
    csrf(),
  ];
  return [providerPagesRoutes({ deps, pageMiddleware, renderer }), ssoRoutes({ deps, apiAuth, pageMiddleware, renderer })];
}
