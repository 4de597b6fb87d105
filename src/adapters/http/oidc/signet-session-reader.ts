import type { Context } from 'koa';
import type { EndSession } from '../../../application/sessions/end-session.js';
import type { LoadSession } from '../../../application/sessions/load-session.js';
import type { Session } from '../../../domain/sessions/session.js';
import { sessionCookieName } from '../middleware/session.js';

export interface SignetSessionReaderDeps {
  loadSession: LoadSession;
  endSession: EndSession;
}

/**
 * Signet's own session, read from inside the OpenID provider (a Koa app of its own, whose cookies are
 * signed with the same SESSION_SECRET), so that an OpenID login lasts only as long as the Signet
 * session behind it, and an OpenID logout ends that session too.
 */
export class SignetSessionReader {
  constructor(private readonly deps: SignetSessionReaderDeps) {}

  /** The live Signet session of this browser; null when it has none. */
  async current(ctx: Context): Promise<Session | null> {
    const id = ctx.cookies.get(sessionCookieName(ctx.secure), { signed: true });
    return id === undefined ? null : this.deps.loadSession.execute(id);
  }

  /** Ends this browser's Signet session, on every instance, and clears its cookie. */
  async end(ctx: Context): Promise<void> {
    const name = sessionCookieName(ctx.secure);
    const id = ctx.cookies.get(name, { signed: true });
    if (id !== undefined) await this.deps.endSession.execute(id);
    ctx.cookies.set(name, null, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secure,
      path: '/',
      signed: true,
      overwrite: true,
    });
  }
}
