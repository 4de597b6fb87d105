import { Router } from '@koa/router';
import type { ApiAuthMiddleware } from './api-auth.middleware.js';
import { readRawBody } from '../raw-body.js';
import type { ApiContext, ApiState, BaseState, SignetRouter } from '../signet-context.js';

/**
 * The demo APIs of dj-api-auth's example project, and an unprotected twin of hello that serves as
 * the baseline for benchmarks.
 */
export function demoApiRoutes(apiAuth: () => ApiAuthMiddleware): SignetRouter {
  const router = new Router<BaseState>();
  router.get<ApiState>('/api/hello/', apiAuth(), hello);
  router.get<ApiState>('/api/goodbye/', apiAuth(), goodbye);
  router.post<ApiState>('/api/goodbye/', apiAuth(), goodbye);
  router.get('/api/public/hello/', (ctx) => {
    ctx.body = { hello: 'world', user: null };
  });
  return router;
}

function hello(ctx: ApiContext): void {
  ctx.body = { hello: 'world', user: ctx.state.principal.username };
}

async function goodbye(ctx: ApiContext): Promise<void> {
  const body = await readRawBody(ctx.req);
  ctx.body = { goodbye: body.length > 0 ? body.toString('utf8') : null };
}
