import { Router } from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../../domain/shared/logger.port.js';
import type { UnitOfWork } from '../../domain/backends/unit-of-work.port.js';
import type { HttpLimits } from './middleware/request-limits.js';
import { CookieSigner } from './cookie-signer.js';
import { edge } from './middleware/edge.js';
import type { BaseState, SignetRouter } from './signet-context.js';

export interface AppDeps {
  logger: Logger;
  /** Each request is one unit of work: its store reads see its store writes. */
  unitOfWork: UnitOfWork;
  config: { trustProxy: boolean; session: { secret: string }; limits: HttpLimits; logLevel: string };
}

/** Builds the Koa application over the given routers; it never listens (main.ts and the tests do). */
export function createApp(deps: AppDeps, routers: readonly SignetRouter[]): Koa {
  const app = new Koa({ proxy: deps.config.trustProxy });
  // Signs the session and CSRF cookies.
  app.keys = new CookieSigner([deps.config.session.secret]);
  app.silent = true;
  app.use(edge(deps));
  // Every capability's routes in one router: a request is matched once, rather than once per router.
  const root = new Router<BaseState>();
  for (const router of routers) root.use(router.routes());
  app.use(root.routes());
  app.use(root.allowedMethods());
  return app;
}
