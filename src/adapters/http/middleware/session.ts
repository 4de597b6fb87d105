import type { RouterContext, RouterMiddleware } from '@koa/router';
import type { EndSession } from '../../../application/sessions/end-session.js';
import type { LoadSession } from '../../../application/sessions/load-session.js';
import type { StartSession } from '../../../application/sessions/start-session.js';
import { sessionKey } from '../../../domain/sessions/session.js';
import type { PageState } from '../signet-context.js';

export interface SessionDeps {
  loadSession: LoadSession;
  startSession: StartSession;
  endSession: EndSession;
}

/** Over HTTPS the cookie is `__Host-` prefixed: Secure, Path=/, no Domain, so no subdomain can plant one. */
const SECURE_NAME = '__Host-signet_session';
const PLAIN_NAME = 'signet_session';

/** The name of the session cookie on a request that came over HTTPS (`secure`) or not. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_NAME : PLAIN_NAME;
}

/**
 * Logged-in sessions kept in the Cache port, so that every instance sharing the cache shares them
 * (which is why no cookie-session library is used). The cookie holds only the session id, signed with
 * the app's keys (SESSION_SECRET); HttpOnly, SameSite=Lax, and Secure when the request came over
 * HTTPS (as told by X-Forwarded-Proto when TRUST_PROXY is set). A visitor who has not logged in has
 * no session at all. `idleSeconds` ends a session sooner than usual on the pages that ask for it.
 */
export function session<State extends PageState = PageState>(
  deps: SessionDeps,
  options: { idleSeconds?: number } = {},
): RouterMiddleware<State> {
  return async function sessionMiddleware(ctx: RouterContext<State>, next: () => Promise<unknown>) {
    const name = sessionCookieName(ctx.secure);
    const cookieOptions = {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secure,
      path: '/',
      signed: true,
      overwrite: true,
    } as const;
    let id = ctx.cookies.get(name, { signed: true }) ?? null;
    let current = id === null ? null : await deps.loadSession.execute(id, options.idleSeconds);
    if (id !== null && current === null) {
      ctx.cookies.set(name, null, cookieOptions);
      id = null;
    }
    const state: PageState = ctx.state;
    state.session = {
      get current() {
        return current;
      },
      get key() {
        return id === null ? null : sessionKey(id);
      },
      async begin(username, floor, amr) {
        const started = await deps.startSession.execute(username, floor, id, {
          ...(amr ? { amr } : {}),
          listed: { userAgent: ctx.get('user-agent') || undefined },
        });
        id = started.id;
        current = started.session;
        ctx.cookies.set(name, id, cookieOptions);
        return current;
      },
      async end() {
        if (id !== null) await deps.endSession.execute(id);
        id = null;
        current = null;
        ctx.cookies.set(name, null, cookieOptions);
      },
    };
    await next();
  };
}
