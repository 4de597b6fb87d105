import type { RouterMiddleware } from '@koa/router';
import type { EntryPoint } from '../../../domain/api-auth/entry-point.js';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { csrf } from '../middleware/csrf.js';
import { formBody } from '../middleware/form-body.js';
import { htmlErrors } from '../middleware/html-errors.js';
import { session, type SessionDeps } from '../middleware/session.js';
import { pageViews } from '../pages/page-views.js';
import type { PageState } from '../signet-context.js';
import { staffGate, type StaffGateDeps } from './staff-gate.js';

export type AdminPageMiddlewareDeps = SessionDeps &
  StaffGateDeps & {
    logger: Logger;
    config: {
      isProduction: boolean;
      trustProxy: boolean;
      session: { secret: string };
      sso: { templatesDir: string | undefined };
      admin: { sessionIdleSeconds: number };
    };
  };

/**
 * What every admin page runs first, in order: views, HTML errors, the session (ending after
 * ADMIN_SESSION_IDLE without a request), the form body, the staff gate, then CSRF on every method
 * but GET, HEAD and OPTIONS.
 */
export function adminPageMiddleware(
  deps: AdminPageMiddlewareDeps,
  discovered: () => readonly EntryPoint[],
): RouterMiddleware<PageState>[] {
  return [
    pageViews({ templatesDir: deps.config.sso.templatesDir, watchTemplates: !deps.config.isProduction }),
    htmlErrors(deps.logger),
    session(deps, { idleSeconds: deps.config.admin.sessionIdleSeconds }),
    formBody(),
    staffGate(deps, discovered),
    csrf({ secret: deps.config.session.secret }),
  ];
}
