import type { RouterMiddleware } from '@koa/router';
import { DomainError } from '../../../domain/errors.js';
import { readRawBody } from '../raw-body.js';
import type { SignetContext, SignetState } from '../signet-context.js';

/** The provider's forms hold a few short fields; anything larger is not one of them. */
const FORM_LIMIT_BYTES = 64 * 1024;

/**
 * Reads a urlencoded form body into `ctx.state.form`; other bodies leave it empty. The platform's
 * URLSearchParams does the parsing (the WHATWG form-urlencoded rules), so no body-parser package is
 * needed, and the raw body stays available to anything else that reads it.
 */
export function formBody(): RouterMiddleware<SignetState> {
  return async function formBodyMiddleware(ctx: SignetContext, next: () => Promise<unknown>) {
    ctx.state.form = new URLSearchParams();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.is('application/x-www-form-urlencoded')) {
      const body = await readRawBody(ctx);
      if (body.length > FORM_LIMIT_BYTES) {
        throw new DomainError('http.body_too_large', `form too large (limit ${FORM_LIMIT_BYTES} bytes)`);
      }
      ctx.state.form = new URLSearchParams(body.toString('utf8'));
    }
    await next();
  };
}
