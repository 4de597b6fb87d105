import { Router } from '@koa/router';
import type { CheckHealth } from '../../../application/health/check-health.js';
import type { SignetRouter, SignetState } from '../signet-context.js';

export interface HealthRoutesDeps {
  checkHealth: CheckHealth;
}

/** `GET /healthz`: 200 when every backend answers, 503 when one does not. */
export function healthRoutes(deps: HealthRoutesDeps): SignetRouter {
  const router = new Router<SignetState>();
  router.get('/healthz', async (ctx) => {
    const report = await deps.checkHealth.execute();
    ctx.status = report.status === 'ok' ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = report;
  });
  return router;
}
