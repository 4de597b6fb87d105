import { Router, type RouterMiddleware } from '@koa/router';
import type { AuthenticateUser } from '../../../application/users/authenticate-user.js';
import { UserError } from '../../../domain/users/user.errors.js';
import { logInFromForm } from '../log-in-from-form.js';
import { statusFor } from '../error-status.js';
import { sendPage, type PageRenderer } from '../page-renderer.js';
import type { SignetContext, SignetRouter, SignetState } from '../signet-context.js';

export interface ProviderPagesRoutesDeps {
  config: { trustProxy: boolean };
  authenticateUser: AuthenticateUser;
}

export interface ProviderPagesRoutesOptions {
  deps: ProviderPagesRoutesDeps;
  /** What every page runs first: HTML errors, session, form body, CSRF. */
  pageMiddleware: readonly RouterMiddleware<SignetState>[];
  renderer: PageRenderer;
}

/**
 * The provider's own pages: `/` says who is logged in, `/login/` logs in (a new session id every
 * time), `/logout/` ends the session. Logging in and out are POSTs carrying a CSRF token.
 */
export function providerPagesRoutes({ deps, pageMiddleware, renderer }: ProviderPagesRoutesOptions): SignetRouter {
  const router = new Router<SignetState>();

  async function home(ctx: SignetContext): Promise<void> {
    const currentUser = ctx.state.session!.current?.username ?? null;
    // A visitor who is not logged in sees no form, so gets no session either.
    const csrfToken = currentUser === null ? null : await ctx.state.csrfToken!();
    await sendPage(ctx, renderer, 'index.njk', { currentUser, csrfToken });
  }

  async function showLogin(ctx: SignetContext, failure?: UserError): Promise<void> {
    if (failure?.details.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(failure.details.retryAfterSeconds));
    const requested = failure ? ctx.state.form?.get('next') : ctx.query.next;
    await sendPage(
      ctx,
      renderer,
      'login.njk',
      {
        action: '/login/',
        csrfToken: await ctx.state.csrfToken!(),
        nextPath: localPath(typeof requested === 'string' ? requested : undefined),
        currentUser: ctx.state.session!.current?.username ?? null,
        username: failure ? (ctx.state.form?.get('username') ?? '') : '',
        error: failure?.message ?? null,
      },
      failure ? statusFor(failure) : 200,
    );
  }

  async function logIn(ctx: SignetContext): Promise<void> {
    const form = ctx.state.form!;
    const outcome = await logInFromForm(ctx, deps.authenticateUser, deps.config.trustProxy);
    if (outcome instanceof UserError) return showLogin(ctx, outcome);
    await ctx.state.session!.begin(outcome.username);
    ctx.status = 303;
    ctx.redirect(localPath(form.get('next') ?? undefined) ?? '/');
  }

  async function logOut(ctx: SignetContext): Promise<void> {
    await ctx.state.session!.end();
    ctx.status = 303;
    ctx.redirect('/');
  }

  router.get('/', ...pageMiddleware, home);
  router.get('/login/', ...pageMiddleware, (ctx) => showLogin(ctx));
  router.post('/login/', ...pageMiddleware, logIn);
  router.post('/logout/', ...pageMiddleware, logOut);
  return router;
}

/** `next` when it is a path on this site; null for anything that could lead elsewhere. */
function localPath(next: string | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\s\u0000-\u001f\u007f]/.test(next)) return null;
  return next;
}
