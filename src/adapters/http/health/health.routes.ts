import { Router, type RouterContext } from '@koa/router';
import type { CheckHealth } from '../../../application/health/check-health.js';
import type { BaseState, SignetRouter } from '../signet-context.js';

export interface HealthRoutesDeps {
  checkHealth: CheckHealth;
}

/**
 * Health for load balancers and orchestrators:
 * `GET /health/live` answers 200 while the process serves requests at all;
 * `GET /health/ready` (and `/healthz`, which also says which backend is down) answers 200 when every
 * backend answers, and 503 otherwise.
 */
export function healthRoutes(deps: HealthRoutesDeps): SignetRouter {
  const router = new Router<BaseState>();
  router.get('/health/live', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  const ready = async (ctx: RouterContext<BaseState>): Promise<void> => {
    const report = await deps.checkHealth.execute();
    ctx.status = report.status === 'ok' ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = report;
  };
  router.get('/health/ready', ready);
  router.get('/healthz', ready);
  return router;
}
