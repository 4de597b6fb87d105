import { Router } from '@koa/router';
import Koa from 'koa';
import type { SsoClient, SsoState } from 'signet/sso-client';
import { homePage, privatePage } from './pages.js';

/** The demo client app: a Koa app like any other, with single sign-on from the SSO client. */
export function createApp(sso: SsoClient): Koa<SsoState> {
  const router = new Router<SsoState>();

  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = homePage(
      ctx.state.user,
      { url: ctx.state.sso.loginUrl('/') },
      { path: ctx.state.sso.logoutPath, csrfToken: ctx.state.sso.csrfToken() },
    );
  });

  router.get('/private/', sso.requireLogin(), (ctx) => {
    if (!ctx.state.user) return; // requireLogin() lets only logged-in users through
    ctx.type = 'html';
    ctx.body = privatePage(ctx.state.user);
  });

  const app = new Koa<SsoState>();
  app.use(sso.middleware());
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
