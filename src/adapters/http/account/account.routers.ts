import { pageMiddleware, type PageMiddlewareDeps } from '../sso-provider/page-middleware.js';
import type { SignetRouter } from '../signet-context.js';
import { accountRoutes, type AccountDeps } from './account.routes.js';

export type AccountRoutersDeps = PageMiddlewareDeps &
  AccountDeps & { config: PageMiddlewareDeps['config'] & AccountDeps['config'] };

/** The user's own account pages, with the same page middleware as the login pages. */
export function accountRouters(deps: AccountRoutersDeps): SignetRouter[] {
  return [accountRoutes(deps, pageMiddleware(deps))];
}
