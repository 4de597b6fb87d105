import { Router } from '@koa/router';
import type { BaseState, SignetRouter } from '../signet-context.js';

/** `GET /openapi.json`: the document, built once, on the first request, when every router exists. */
export function openApiRoutes(document: () => object): SignetRouter {
  const router = new Router<BaseState>();
  let built: string | undefined;
  router.get('/openapi.json', (ctx) => {
    built ??= JSON.stringify(document(), null, 2);
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = built;
  });
  return router;
}
