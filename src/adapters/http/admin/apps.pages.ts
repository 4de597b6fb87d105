import type { Router, RouterMiddleware } from '@koa/router';
import { AppMeterError } from '../../../domain/app-meter/app-meter.errors.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { renderAdmin, shownTime } from './admin-view.js';
import { listParameters, pagerView } from './list-paging.js';

/** The migration meter: the apps with their logins by protocol, and an app's page with its 30 days. */
export function appsPages(router: Router<BaseState>, pages: readonly RouterMiddleware<PageState>[]): void {
  async function list(ctx: PageContext): Promise<void> {
    const paging = listParameters(ctx);
    const apps = await adminRequest(ctx).services.listApps.executeUntyped(paging);
    await renderAdmin(ctx, 'apps', 'apps', {
      apps: apps.items.map((app) => ({
        ...app,
        path: appPath(app.app),
        lastDjSso: shownTime(app.lastLogin['dj-sso'], 'none'),
        lastOidc: shownTime(app.lastLogin.oidc, 'none'),
      })),
      pager: pagerView('/admin/apps/', { q: paging.q }, { ...apps, shown: apps.items.length }, paging.cursor),
    });
  }

  async function show(ctx: PageContext): Promise<void> {
    const app = await adminRequest(ctx)
      .services.showApp.execute({ host: ctx.params.host ?? '' })
      .catch((error: unknown) => {
        if (error instanceof AppMeterError) return error;
        throw error;
      });
    if (app instanceof AppMeterError) {
      const status = app.code === 'app_meter.unknown_app' ? 404 : 400;
      await renderAdmin(ctx, 'missing', 'apps', { what: app.message, back: '/admin/apps/' }, status);
      return;
    }
    await renderAdmin(ctx, 'app', 'apps', {
      app,
      lastDjSso: shownTime(app.lastLogin['dj-sso'], 'none in 30 days'),
      lastOidc: shownTime(app.lastLogin.oidc, 'none in 30 days'),
    });
  }

  router.get<PageState>('/admin/apps/', ...pages, list);
  router.get<PageState>('/admin/apps/:host', ...pages, show);
}

function appPath(app: string): string {
  return `/admin/apps/${encodeURIComponent(app)}`;
}
