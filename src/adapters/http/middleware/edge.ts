import type { Middleware } from 'koa';
import type { Logger } from '../../../domain/shared/logger.port.js';
import type { UnitOfWork } from '../../../domain/backends/unit-of-work.port.js';
import { answerJsonFailure } from './error-handler.js';
import { fillEmptyErrorBody } from './fallback-error-body.js';
import { checkRequestLimits, type HttpLimits } from './request-limits.js';
import { RequestLog } from './request-log.js';
import { applySecurityHeaders } from './security-headers.js';

export interface EdgeDeps {
  logger: Logger;
  unitOfWork: UnitOfWork;
  config: { trustProxy: boolean; limits: HttpLimits; logLevel: string };
}

/**
 * What every request meets before its route, in this order:
 *
 * 1. its id (`X-Request-Id`), and once it is answered its log line;
 * 2. the security headers every response carries;
 * 3. from here on, any failure is answered in JSON (a refusal with its status, a bug with a 500);
 * 4. the limits on its size (414, 431, 400, 413);
 * 5. one unit of work around the route, so that its store reads see its store writes;
 * 6. after the route, a JSON body for an error status the router left without one.
 *
 * One middleware rather than one per step: each Koa middleware costs a dispatch on every request,
 * which is as much as most of these steps cost themselves. Each step is in a file of its own.
 */
export function edge(deps: EdgeDeps): Middleware {
  const { logger, unitOfWork } = deps;
  const { limits } = deps.config;
  const log = new RequestLog(logger, { trustProxy: deps.config.trustProxy, enabled: deps.config.logLevel === 'info' });
  return async function edgeMiddleware(ctx, next) {
    const started = log.begin(ctx);
    applySecurityHeaders(ctx);
    try {
      checkRequestLimits(ctx.req, limits);
      await unitOfWork.run(next);
      fillEmptyErrorBody(ctx);
    } catch (error) {
      answerJsonFailure(ctx, error, logger);
    } finally {
      log.end(ctx, started);
    }
  };
}
