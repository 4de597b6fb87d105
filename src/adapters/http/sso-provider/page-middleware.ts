import type { RouterMiddleware } from '@koa/router';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { csrf } from '../middleware/csrf.js';
import { formBody } from '../middleware/form-body.js';
import { htmlErrors } from '../middleware/html-errors.js';
import { session, type SessionDeps } from '../middleware/session.js';
import { pageViews } from '../pages/page-views.js';
import type { PageState } from '../signet-context.js';

export interface PageMiddlewareDeps extends SessionDeps {
  logger: Logger;
  config: { isProduction: boolean; session: { secret: string }; sso: { templatesDir: string | undefined } };
}

/** What every page runs first, in order: views, HTML errors, the session, the form body, CSRF. */
export function pageMiddleware(deps: PageMiddlewareDeps): RouterMiddleware<PageState>[] {
  return [
    pageViews({ templatesDir: deps.config.sso.templatesDir, watchTemplates: !deps.config.isProduction }),
    htmlErrors(deps.logger),
    session(deps),
    formBody(),
    csrf({ secret: deps.config.session.secret }),
  ];
}
