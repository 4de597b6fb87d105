import Tokens from 'csrf';
import type { RouterMiddleware } from '@koa/router';
import { DomainError } from '../../../domain/errors.js';
import type { SignetContext, SignetState } from '../signet-context.js';

/** The hidden field every form of the provider carries its token in. */
export const CSRF_FIELD = '_csrf';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery protection by synchronizer tokens, bound to the session: the secret
 * lives in the session (in the Cache), each form gets a fresh salted token from it (the `csrf`
 * package's scheme, which also defeats BREACH), and every other method than GET, HEAD and OPTIONS
 * must send one back in `_csrf`. Runs after `session()` and `formBody()`.
 */
export function csrf(): RouterMiddleware<SignetState> {
  const tokens = new Tokens();
  return async function csrfMiddleware(ctx: SignetContext, next: () => Promise<unknown>) {
    const session = ctx.state.session;
    if (!session) throw new Error('csrf() needs session() to run first');
    ctx.state.csrfToken = async () => tokens.create((session.current ?? (await session.begin(null))).csrfSecret);
    if (!safeMethods.has(ctx.method)) {
      const secret = session.current?.csrfSecret;
      const token = ctx.state.form?.get(CSRF_FIELD);
      if (!secret || !token || !tokens.verify(secret, token)) {
        throw new DomainError(
          'http.csrf_failed',
          'This form has expired or did not come from this site. Go back, reload the page and try again.',
        );
      }
    }
    await next();
  };
}
