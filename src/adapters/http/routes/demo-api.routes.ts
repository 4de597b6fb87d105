import { Router } from '@koa/router';
import type { ApiAuthMiddleware } from '../middleware/api-auth.js';
import { readRawBody } from '../raw-body.js';
import type { SignetContext, SignetRouter, SignetState } from '../signet-context.js';

export interface DemoApiRoutesDeps {
  apiAuth: () => ApiAuthMiddleware;
}

/**
 * The demo APIs of dj-api-auth's example project, and an unprotected twin of hello that serves as
 * the baseline for benchmarks.
 */
export function demoApiRoutes({ apiAuth }: DemoApiRoutesDeps): SignetRouter {
  const router = new Router<SignetState>();
  router.get('/api/hello/', apiAuth(), hello);
  router.get('/api/goodbye/', apiAuth(), goodbye);
  router.post('/api/goodbye/', apiAuth(), goodbye);
  router.get('/api/public/hello/', hello);
  return router;
}

function hello(ctx: SignetContext): void {
  ctx.body = { hello: 'world', user: ctx.state.principal?.username ?? null };
}

async function goodbye(ctx: SignetContext): Promise<void> {
  const body = await readRawBody(ctx);
  ctx.body = { goodbye: body.length > 0 ? body.toString('utf8') : null };
}
