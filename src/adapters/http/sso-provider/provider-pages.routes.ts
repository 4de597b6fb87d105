import { Router, type RouterMiddleware } from '@koa/router';
import type { ListReadableCollections } from '../../../application/reader/list-readable-collections.js';
import type { AuthenticateUser } from '../../../application/users/authenticate-user.js';
import { isAdminUser } from '../../../domain/admin/staff.js';
import type { PasskeyError } from '../../../domain/passkeys/passkey.errors.js';
import type { UserDirectory } from '../../../domain/users/user-directory.port.js';
import { UserError } from '../../../domain/users/user.errors.js';
import { statusFor } from '../error-status.js';
import {
  answerSecondStep,
  SECOND_STEP_ACTION,
  startSecondStep,
  type SecondStepDeps,
  type SecondStepPage,
} from '../factors/second-step.pages.js';
import {
  carriesPasskey,
  PASSKEY_AMR,
  passkeyLocals,
  signInWithPostedPasskey,
  type PasskeySignInFormDeps,
} from '../passkeys/passkey-sign-in-form.js';
import { renderPage } from '../pages/page-views.js';
import type { BaseState, PageContext, PageState, SignetRouter } from '../signet-context.js';
import { localPath } from './local-path.js';
import { loginFields, orRefusal } from './login-form.js';

export interface ProviderPagesDeps extends SecondStepDeps, PasskeySignInFormDeps {
  config: { trustProxy: boolean; passkeys: { relyingParty: unknown } };
  authenticateUser: AuthenticateUser;
  /** For the home page's links: the reader where the policy lets the user read something. */
  listReadableCollections: ListReadableCollections;
  /** For the home page's links: the admin for staff. */
  userDirectory: UserDirectory;
}

/**
 * The provider's own pages: `/` says who is logged in, `/login/` logs in (a new session id every
 * time), `/logout/` ends the session. Logging in and out are POSTs carrying a CSRF token.
 */
export function providerPagesRoutes(deps: ProviderPagesDeps, pages: readonly RouterMiddleware<PageState>[]): SignetRouter {
  const router = new Router<BaseState>();

  async function home(ctx: PageContext): Promise<void> {
    const currentUser = ctx.state.session.current?.username ?? null;
    // A visitor who is not logged in sees no form, so is given no token either.
    if (currentUser === null) {
      await renderPage(ctx, 'index', { currentUser, csrfToken: null, mayRead: false, mayAdmin: false });
      return;
    }
    const [readable, user] = await Promise.all([
      // A document source that does not answer must not take the home page down: the reader says why itself.
      deps.listReadableCollections.execute({ username: currentUser, via: 'session' }).catch(() => null),
      deps.userDirectory.findByUsername(currentUser),
    ]);
    await renderPage(ctx, 'index', {
      currentUser,
      csrfToken: ctx.state.csrfToken(),
      mayRead: readable === null || readable.length > 0,
      mayAdmin: isAdminUser(user),
    });
  }

  async function showLogin(ctx: PageContext, failure?: UserError | PasskeyError): Promise<void> {
    if (failure?.details.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(failure.details.retryAfterSeconds));
    const requested = failure ? ctx.state.form.get('next') : ctx.query.next;
    await renderPage(
      ctx,
      'login',
      {
        action: '/login/',
        csrfToken: ctx.state.csrfToken(),
        nextPath: localPath(typeof requested === 'string' ? requested : undefined),
        currentUser: ctx.state.session.current?.username ?? null,
        username: failure ? (ctx.state.form.get('username') ?? '') : '',
        error: failure?.message ?? null,
        ...passkeyLocals(deps.config),
      },
      failure ? statusFor(failure) : 200,
    );
  }

  /** The second step of a login here: the same page, the same `next`. */
  function secondStepPage(ctx: PageContext): SecondStepPage {
    const next = localPath(ctx.state.form.get('next') ?? undefined);
    return {
      purpose: 'signet',
      action: '/login/',
      hidden: next === null ? {} : { next },
      restart: next === null ? '/login/' : `/login/?next=${encodeURIComponent(next)}`,
    };
  }

  /**
   * A password, then (where the user has a factor, or the policy requires one) the second step; the
   * session begins only once every step passed, and keeps how (its `amr`).
   */
  async function logIn(ctx: PageContext): Promise<void> {
    let completed: { username: string; floor: string | null; amr: readonly string[] } | null;
    if (ctx.state.form.get('action') === SECOND_STEP_ACTION) {
      completed = await answerSecondStep(ctx, deps, secondStepPage(ctx));
    } else if (carriesPasskey(ctx)) {
      // A passkey is a factor of its own (something held, unlocked by the user): no second step follows it.
      const outcome = await signInWithPostedPasskey(ctx, deps);
      if (!('user' in outcome)) return showLogin(ctx, outcome);
      completed = { username: outcome.user.username, floor: outcome.floor, amr: PASSKEY_AMR };
    } else {
      const outcome = await orRefusal(deps.authenticateUser.execute(loginFields(ctx, deps.config.trustProxy)));
      if (outcome instanceof UserError) return showLogin(ctx, outcome);
      const passed = { user: outcome.user, floor: outcome.floor, purpose: 'signet' };
      if (await startSecondStep(ctx, deps, passed, secondStepPage(ctx))) return;
      completed = { username: outcome.user.username, floor: outcome.floor, amr: ['pwd'] };
    }
    if (completed === null) return;
    await ctx.state.session.begin(completed.username, completed.floor, completed.amr);
    ctx.status = 303;
    ctx.redirect(localPath(ctx.state.form.get('next') ?? undefined) ?? '/');
  }

  async function confirmLogout(ctx: PageContext): Promise<void> {
    const currentUser = ctx.state.session.current?.username ?? null;
    await renderPage(ctx, 'logout', { currentUser, csrfToken: currentUser === null ? null : ctx.state.csrfToken() });
  }

  async function logOut(ctx: PageContext): Promise<void> {
    await ctx.state.session.end();
    ctx.status = 303;
    ctx.redirect('/');
  }

  router.get<PageState>('/', ...pages, home);
  router.get<PageState>('/login/', ...pages, (ctx) => showLogin(ctx));
  router.post<PageState>('/login/', ...pages, logIn);
  router.get<PageState>('/logout/', ...pages, confirmLogout);
  router.post<PageState>('/logout/', ...pages, logOut);
  return router;
}
