import type { RouterMiddleware } from '@koa/router';
import { readRawBody } from '../raw-body.js';
import type { PageContext, PageState } from '../signet-context.js';

/** The pages' forms hold a few short fields; anything larger is not one of them. */
const FORM_LIMIT_BYTES = 64 * 1024;

/**
 * Reads a urlencoded form body into `ctx.state.form`; other bodies leave it empty. The platform's
 * URLSearchParams does the parsing (the WHATWG form-urlencoded rules), so no body-parser package is
 * needed, and the raw body stays available to anything else that reads it.
 */
export function formBody(): RouterMiddleware<PageState> {
  return async function formBodyMiddleware(ctx: PageContext, next: () => Promise<unknown>) {
    ctx.state.form = new URLSearchParams();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.is('application/x-www-form-urlencoded')) {
      const body = await readRawBody(ctx.req, FORM_LIMIT_BYTES);
      ctx.state.form = new URLSearchParams(body.toString('utf8'));
    }
    await next();
  };
}
