import { Router, type RouterMiddleware } from '@koa/router';
import type { BindVerifiedUser } from '../../../application/sso-provider/bind-verified-user.js';
import type { ContinueAsCurrentUser } from '../../../application/sso-provider/continue-as-current-user.js';
import type { IssueRequestToken } from '../../../application/sso-provider/issue-request-token.js';
import type { LogInThroughSsoPage } from '../../../application/sso-provider/log-in-through-sso-page.js';
import type { RedeemAuthToken } from '../../../application/sso-provider/redeem-auth-token.js';
import type { SignInThroughSsoPage } from '../../../application/passkeys/sign-in-through-sso-page.js';
import { ssoLoginPurpose, type SsoLoginOutcome } from '../../../application/sso-provider/sso-login-outcome.js';
import type { ShowSsoLoginPage } from '../../../application/sso-provider/show-sso-login-page.js';
import { PasskeyError } from '../../../domain/passkeys/passkey.errors.js';
import type { LoginRequest } from '../../../domain/sso-provider/login-request.js';
import { UserError } from '../../../domain/users/user.errors.js';
import type { ApiAuthMiddleware } from '../api-auth/api-auth.middleware.js';
import { clientAddress } from '../client-address.js';
import { statusFor } from '../error-status.js';
import {
  answerSecondStep,
  presentSecondStep,
  SECOND_STEP_ACTION,
  type SecondStepDeps,
  type SecondStepPage,
} from '../factors/second-step.pages.js';
import { takePasskeyBinding } from '../passkeys/passkey-binding-cookie.js';
import { carriesPasskey, PASSKEY_FIELD, passkeyLocals } from '../passkeys/passkey-sign-in-form.js';
import { renderPage } from '../pages/page-views.js';
import type { ApiContext, ApiState, BaseState, PageContext, PageState, SignetRouter } from '../signet-context.js';
import { loginFields, orRefusal } from './login-form.js';

export interface SsoRoutesDeps extends SecondStepDeps {
  config: { trustProxy: boolean; passkeys: { relyingParty: unknown } };
  signInThroughSsoPage: SignInThroughSsoPage;
  issueRequestToken: IssueRequestToken;
  showSsoLoginPage: ShowSsoLoginPage;
  logInThroughSsoPage: LogInThroughSsoPage;
  continueAsCurrentUser: ContinueAsCurrentUser;
  bindVerifiedUser: BindVerifiedUser;
  redeemAuthToken: RedeemAuthToken;
}

/**
 * dj-sso-server's handshake under `/sso/`: the signed APIs `requesttoken/` (and dj-sso-client's
 * `reqeusttoken/`) and `authtoken/`, answering JSON, and the login page `login/`, answering HTML.
 * The login page changes nothing on a GET: logging in, continuing as the current user and
 * switching account are all POSTs carrying a CSRF token, each one use case.
 */
export function ssoRoutes(
  deps: SsoRoutesDeps,
  apiAuth: () => ApiAuthMiddleware,
  pages: readonly RouterMiddleware<PageState>[],
): SignetRouter {
  const router = new Router<BaseState>();

  async function requestToken(ctx: ApiContext): Promise<void> {
    const token = await deps.issueRequestToken.execute(ctx.state.principal.apiKey);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { request_token: token };
  }

  async function authToken(ctx: ApiContext): Promise<void> {
    const user = await deps.redeemAuthToken.execute({
      apiKey: ctx.state.principal.apiKey,
      requestToken: queryValue(ctx, 'request_token'),
      authToken: queryValue(ctx, 'auth_token'),
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { user };
  }

  async function showLogin(ctx: PageContext, currentUser: string | null, failure?: UserError | PasskeyError): Promise<void> {
    const page = await deps.showSsoLoginPage.execute(loginRequest(ctx), currentUser);
    if (failure?.details.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(failure.details.retryAfterSeconds));
    await renderPage(
      ctx,
      'sso/login',
      {
        ...page,
        // Built from the path and query only: the request target may be in absolute form, naming any host.
        action: `${ctx.path}${ctx.search}`,
        csrfToken: ctx.state.csrfToken(),
        username: failure ? (ctx.state.form.get('username') ?? '') : '',
        error: failure?.message ?? null,
        ...passkeyLocals(deps.config),
      },
      failure ? statusFor(failure) : 200,
    );
  }

  /**
   * The page's own second step: posted to this page, bound to this request token (a half-login
   * begun for one app's login cannot finish another's).
   */
  function secondStepPage(request: LoginRequest, action: string): SecondStepPage {
    const hidden: Record<string, string> = {};
    if (request.apiKey !== undefined) hidden.api_key = request.apiKey;
    if (request.requestToken !== undefined) hidden.request_token = request.requestToken;
    if (request.next !== undefined) hidden.next = request.next;
    const purpose =
      request.apiKey !== undefined && request.requestToken !== undefined
        ? ssoLoginPurpose({ apiKey: request.apiKey, requestToken: request.requestToken })
        : 'sso:incomplete';
    return { purpose, action, hidden, restart: loginPageUrl(request) };
  }

  async function submitLogin(ctx: PageContext): Promise<void> {
    const request = loginRequest(ctx);
    const action = ctx.state.form.get('action');
    if (action === 'switch') return showLogin(ctx, null);
    const page = secondStepPage(request, `${ctx.path}${ctx.search}`);

    let outcome: SsoLoginOutcome;
    if (action === SECOND_STEP_ACTION) {
      const completed = await answerSecondStep(ctx, deps, page);
      if (completed === null) return;
      outcome = { kind: 'bound', location: await deps.bindVerifiedUser.execute(request, completed) };
      // This browser's own session of the same login (a "continue as") has now passed the factor too:
      // its next "continue as" is not asked again. A login typed here starts no session, as before.
      const session = ctx.state.session.current;
      if (session?.username === completed.username && session.floor === completed.floor) {
        await ctx.state.session.begin(session.username, session.floor, completed.amr);
      }
    } else if (action === 'continue') {
      const session = ctx.state.session.current;
      const current = session?.username ?? null;
      if (session === null || current === null || current !== ctx.state.form.get('user')) {
        // The browser's provider session changed since the page was shown: show it again as it is now.
        ctx.status = 303;
        ctx.redirect(loginPageUrl(request));
        return;
      }
      outcome = await deps.continueAsCurrentUser.execute({ request, username: current, floor: session.floor, amr: session.amr });
    } else if (carriesPasskey(ctx)) {
      const signedIn = await orPasskeyRefusal(
        deps.signInThroughSsoPage.execute({
          request,
          answer: {
            binding: takePasskeyBinding(ctx),
            response: ctx.state.form.get(PASSKEY_FIELD) ?? '',
            address: clientAddress(ctx, deps.config.trustProxy),
          },
        }),
      );
      if (signedIn instanceof PasskeyError) return showLogin(ctx, null, signedIn);
      outcome = { kind: 'bound', location: signedIn };
    } else {
      const typed = await orRefusal(deps.logInThroughSsoPage.execute({ request, ...loginFields(ctx, deps.config.trustProxy) }));
      if (typed instanceof UserError) return showLogin(ctx, null, typed);
      outcome = typed;
    }
    if (outcome.kind === 'second-step') return presentSecondStep(ctx, deps, outcome.started.id, page);
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 302;
    ctx.redirect(outcome.location);
  }

  router.get<ApiState>('/sso/requesttoken/', apiAuth(), requestToken);
  router.get<ApiState>('/sso/reqeusttoken/', apiAuth(), requestToken);
  router.get<ApiState>('/sso/authtoken/', apiAuth(), authToken);
  router.get<PageState>('/sso/login/', ...pages, (ctx) => showLogin(ctx, ctx.state.session.current?.username ?? null));
  router.post<PageState>('/sso/login/', ...pages, submitLogin);
  return router;
}

/** A passkey's refusal the person can act on comes back, for the page to show again; anything else is thrown. */
async function orPasskeyRefusal<T>(step: Promise<T>): Promise<T | PasskeyError> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof PasskeyError) return error;
    throw error;
  }
}

/** The login parameters, from the query, or (as dj-sso-server also took them) from the posted form. */
function loginRequest(ctx: PageContext): LoginRequest {
  const pick = (name: string) => queryValue(ctx, name) ?? ctx.state.form.get(name) ?? undefined;
  return { apiKey: pick('api_key'), requestToken: pick('request_token'), next: pick('next') };
}

/** The login page for these parameters, on this site. */
function loginPageUrl(request: LoginRequest): string {
  const query = new URLSearchParams();
  for (const [name, value] of [
    ['api_key', request.apiKey],
    ['request_token', request.requestToken],
    ['next', request.next],
  ] as const) {
    if (value !== undefined) query.set(name, value);
  }
  return `/sso/login/?${query.toString()}`;
}

/** The first value of a query parameter; undefined when absent. */
function queryValue(ctx: { query: Record<string, string | string[] | undefined> }, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}
