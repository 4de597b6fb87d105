import { Router } from '@koa/router';
import type { SecretReveal } from '../../../application/admin/secret-reveal.js';
import type { SignAsKey } from '../../../application/admin/sign-as-key.js';
import type { EntryPoint } from '../../../domain/api-auth/entry-point.js';
import type { ApiAuthMiddleware } from '../api-auth/api-auth.middleware.js';
import type { BaseState, PageState, SignetRouter } from '../signet-context.js';
import { adminApiRouter, type AdminApiDeps } from './admin-api.routes.js';
import { adminPageMiddleware, type AdminPageMiddlewareDeps } from './admin-page-middleware.js';
import { renderAdmin } from './admin-view.js';
import { auditPages } from './audit.pages.js';
import { keysPages } from './keys.pages.js';
import { readerPages } from './reader.pages.js';
import { registryPages } from './registry.pages.js';
import { scopedTo } from './scoped-router.js';
import { tryRequestPages } from './try-request.pages.js';
import { usersPages, type UsersPagesDeps } from './users.pages.js';

export type AdminRoutersDeps = AdminApiDeps &
  AdminPageMiddlewareDeps &
  UsersPagesDeps & { secretReveal: SecretReveal; signAsKey: SignAsKey; config: UsersPagesDeps['config'] };

/**
 * The admin: its site under `/admin/` (staff users, CSRF on every form) and its JSON API under
 * `/admin/api/` (v2-signed requests by admin keys). `discovered` gives the entry points every router
 * declares, for a reload: it is asked only once all routers exist.
 */
export function adminRouters(
  deps: AdminRoutersDeps,
  apiAuth: () => ApiAuthMiddleware,
  discovered: () => readonly EntryPoint[],
): SignetRouter[] {
  const pages = adminPageMiddleware(deps, discovered);
  const site = new Router<BaseState>();
  site.get<PageState>('/admin/', ...pages, (ctx) => renderAdmin(ctx, 'index', null, { mfaPolicy: deps.config.mfa.required }));
  // After the index, which answers `/admin/` itself: this route matches it too, and `/admin` alone.
  site.get('/admin', (ctx) => {
    ctx.status = 301;
    ctx.redirect('/admin/');
  });
  keysPages(site, pages, deps.secretReveal);
  registryPages(site, pages, deps.secretReveal);
  usersPages(site, pages, deps);
  auditPages(site, pages);
  tryRequestPages(site, pages, deps.signAsKey);
  readerPages(site, pages);
  // The API first: its paths are more specific than the site's.
  return [scopedTo('/admin/api/', adminApiRouter(deps, apiAuth, discovered)), scopedTo('/admin', site)];
}
