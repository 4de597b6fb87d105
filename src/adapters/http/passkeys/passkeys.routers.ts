import type { SignetRouter } from '../signet-context.js';
import { pageMiddleware, type PageMiddlewareDeps } from '../sso-provider/page-middleware.js';
import { passkeysRoutes, type PasskeysRoutesDeps } from './passkeys.routes.js';

export type PasskeysRoutersDeps = PageMiddlewareDeps &
  PasskeysRoutesDeps & { config: PageMiddlewareDeps['config'] & PasskeysRoutesDeps['config'] };

/** Passkeys: the challenges the browser script asks for, and the user's own passkeys page. */
export function passkeysRouters(deps: PasskeysRoutersDeps): SignetRouter[] {
  return [passkeysRoutes(deps, pageMiddleware(deps))];
}
