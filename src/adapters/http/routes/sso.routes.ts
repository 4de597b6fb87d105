import { Router, type RouterMiddleware } from '@koa/router';
import type { CheckLoginRequest, LoginRequest } from '../../../application/sso-provider/check-login-request.js';
import type { CompleteSsoLogin } from '../../../application/sso-provider/complete-sso-login.js';
import type { IssueRequestToken } from '../../../application/sso-provider/issue-request-token.js';
import type { RedeemAuthToken } from '../../../application/sso-provider/redeem-auth-token.js';
import type { AuthenticateUser } from '../../../application/users/authenticate-user.js';
import { UserError } from '../../../domain/users/user.errors.js';
import { logInFromForm } from '../log-in-from-form.js';
import { statusFor } from '../error-status.js';
import type { ApiAuthMiddleware } from '../middleware/api-auth.js';
import { sendPage, type PageRenderer } from '../page-renderer.js';
import type { SignetContext, SignetRouter, SignetState } from '../signet-context.js';

/** The use cases behind the SSO routes; read at request time from the container's cradle. */
export interface SsoRoutesDeps {
  config: { trustProxy: boolean };
  issueRequestToken: IssueRequestToken;
  checkLoginRequest: CheckLoginRequest;
  completeSsoLogin: CompleteSsoLogin;
  redeemAuthToken: RedeemAuthToken;
  authenticateUser: AuthenticateUser;
}

export interface SsoRoutesOptions {
  deps: SsoRoutesDeps;
  apiAuth: () => ApiAuthMiddleware;
  /** What every page runs first: HTML errors, session, form body, CSRF. */
  pageMiddleware: readonly RouterMiddleware<SignetState>[];
  renderer: PageRenderer;
}

/**
 * dj-sso-server's handshake under `/sso/`: the signed APIs `requesttoken/` (and dj-sso-client's
 * `reqeusttoken/`) and `authtoken/`, answering JSON, and the login page `login/`, answering HTML.
 * The login page changes nothing on a GET: logging in, continuing as the current user and
 * switching account are all POSTs carrying a CSRF token.
 */
export function ssoRoutes({ deps, apiAuth, pageMiddleware, renderer }: SsoRoutesOptions): SignetRouter {
  const router = new Router<SignetState>();

  async function requestToken(ctx: SignetContext): Promise<void> {
    const token = await deps.issueRequestToken.execute(ctx.state.principal!.apiKey);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { request_token: token };
  }

  async function authToken(ctx: SignetContext): Promise<void> {
    const user = await deps.redeemAuthToken.execute({
      apiKey: ctx.state.principal!.apiKey,
      requestToken: queryValue(ctx, 'request_token'),
      authToken: queryValue(ctx, 'auth_token'),
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { user };
  }

  async function showLogin(ctx: SignetContext, currentUser: string | null, failure?: UserError): Promise<void> {
    const view = await deps.checkLoginRequest.execute(loginRequest(ctx));
    if (failure?.details.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(failure.details.retryAfterSeconds));
    await sendPage(
      ctx,
      renderer,
      'sso/login.njk',
      {
        remoteHost: view.remoteHost,
        secondsLeft: view.secondsLeft,
        action: ctx.originalUrl,
        csrfToken: await ctx.state.csrfToken!(),
        currentUser,
        username: failure ? (ctx.state.form?.get('username') ?? '') : '',
        error: failure?.message ?? null,
      },
      failure ? statusFor(failure) : 200,
    );
  }

  async function submitLogin(ctx: SignetContext): Promise<void> {
    const request = loginRequest(ctx);
    await deps.checkLoginRequest.execute(request);
    const form = ctx.state.form!;
    const session = ctx.state.session!;
    const action = form.get('action');
    if (action === 'switch') return showLogin(ctx, null);

    let username: string;
    if (action === 'continue') {
      const current = session.current?.username ?? null;
      if (current === null || current !== form.get('user')) {
        // The browser's provider session changed since the page was shown: show it again as it is now.
        ctx.status = 303;
        ctx.redirect(loginPageUrl(request));
        return;
      }
      username = current;
    } else {
      const outcome = await logInFromForm(ctx, deps.authenticateUser, deps.config.trustProxy);
      if (outcome instanceof UserError) return showLogin(ctx, null, outcome);
      username = outcome.username;
    }
    const location = await deps.completeSsoLogin.execute({
      apiKey: request.apiKey!,
      requestToken: request.requestToken!,
      next: request.next!,
      username,
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 302;
    ctx.redirect(location);
  }

  router.get('/sso/requesttoken/', apiAuth(), requestToken);
  router.get('/sso/reqeusttoken/', apiAuth(), requestToken);
  router.get('/sso/authtoken/', apiAuth(), authToken);
  router.get('/sso/login/', ...pageMiddleware, (ctx) => showLogin(ctx, ctx.state.session!.current?.username ?? null));
  router.post('/sso/login/', ...pageMiddleware, submitLogin);
  return router;
}

/** The login parameters, from the query, or (as dj-sso-server also took them) from the posted form. */
function loginRequest(ctx: SignetContext): LoginRequest {
  const pick = (name: string) => queryValue(ctx, name) ?? ctx.state.form?.get(name) ?? undefined;
  return { apiKey: pick('api_key'), requestToken: pick('request_token'), next: pick('next') };
}

function loginPageUrl(request: LoginRequest): string {
  const query = new URLSearchParams({ api_key: request.apiKey!, request_token: request.requestToken!, next: request.next! });
  return `/sso/login/?${query.toString()}`;
}

/** The first value of a query parameter; undefined when absent. */
function queryValue(ctx: SignetContext, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}
