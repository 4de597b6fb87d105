import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { BaseState, SignetRouter } from '../signet-context.js';
import type { OidcProviderHost } from './oidc-provider-host.js';

export const OIDC_MOUNT = '/oidc';

/**
 * Hands every request under /oidc (but the interaction pages, routed before this) to the OpenID
 * provider: discovery, JWKS, authorization, token, userinfo, introspection, revocation, logout. The
 * provider is a Koa app of its own; it answers on the raw request, told where it is mounted.
 */
export function oidcMountRoutes(host: OidcProviderHost): SignetRouter {
  const router = new Router<BaseState>();
  // The host builds a new provider when the signing keys change: one handler per provider.
  const handlers = new WeakMap<object, (req: Context['req'], res: Context['res']) => Promise<void>>();

  async function toProvider(ctx: Context): Promise<void> {
    const provider = await host.provider();
    const handler = handlers.get(provider) ?? provider.callback();
    handlers.set(provider, handler);
    ctx.respond = false;
    // The provider learns its mount from the difference between the two.
    Object.assign(ctx.req, { originalUrl: ctx.originalUrl });
    ctx.req.url = ctx.originalUrl.slice(OIDC_MOUNT.length) || '/';
    await handler(ctx.req, ctx.res);
  }

  router.all(`${OIDC_MOUNT}/{*rest}`, toProvider);
  return router;
}
