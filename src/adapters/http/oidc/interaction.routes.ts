import { Router, type RouterMiddleware } from '@koa/router';
import type { InteractionResults } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { FindOidcClient } from '../../../application/oidc/find-oidc-client.js';
import type { RecordOidcLogin } from '../../../application/oidc/record-oidc-login.js';
import type { RememberOidcSubject } from '../../../application/oidc/remember-oidc-subject.js';
import type { AuthenticateUser } from '../../../application/users/authenticate-user.js';
import { acrFor, asksForSecondFactor } from '../../../domain/oidc/oidc-acr.js';
import type { OidcClient } from '../../../domain/oidc/oidc-client.js';
import type { PasskeyError } from '../../../domain/passkeys/passkey.errors.js';
import type { UserDirectory } from '../../../domain/users/user-directory.port.js';
import { UserError } from '../../../domain/users/user.errors.js';
import { statusFor } from '../error-status.js';
import {
  answerSecondStep,
  presentSecondStep,
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
import { loginFields, orRefusal } from '../sso-provider/login-form.js';
import { INTERACTION_PATH, type OidcProviderHost } from './oidc-provider-host.js';

export interface OidcInteractionDeps extends SecondStepDeps, PasskeySignInFormDeps {
  config: { trustProxy: boolean; passkeys: { relyingParty: unknown } };
  authenticateUser: AuthenticateUser;
  userDirectory: UserDirectory;
  findOidcClient: FindOidcClient;
  recordOidcLogin: RecordOidcLogin;
  rememberOidcSubject: RememberOidcSubject;
  oidcProviderHost: OidcProviderHost;
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

interface Step {
  provider: Provider;
  interaction: Interaction;
  client: OidcClient;
}

/**
 * The OpenID provider's interactions, as Signet pages (layout, template overrides, CSP, `_csrf`):
 * the login (a password, or "Continue as" the user logged in on Signet, or "Switch account") and the
 * consent. A password is checked by the same use case as `/login/` and `/sso/login/` (throttles,
 * lockout, hasher), and a login here starts a Signet session, as OpenID Connect expects. A
 * first-party client's users are never asked to consent; others are asked once, and the grant is
 * remembered. A second factor is asked after the password (or before a "Continue as" whose session
 * did not pass one) where the user has one, MFA_REQUIRED covers them, or the application's
 * `acr_values` ask for ACR_SECOND_FACTOR; the login carries `amr` and `acr` to the tokens.
 */
export function oidcInteractionRoutes(deps: OidcInteractionDeps, pages: readonly RouterMiddleware<PageState>[]): SignetRouter {
  const router = new Router<BaseState>();
  const path = `${INTERACTION_PATH}/:uid`;

  async function step(ctx: PageContext): Promise<Step | null> {
    const provider = await deps.oidcProviderHost.provider();
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
    } catch (error) {
      if (!deps.oidcProviderHost.isInteractionGone(error)) throw error;
      await message(ctx, 'This login request has expired or was already used. Go back to the application and start again.');
      return null;
    }
    if (interaction.uid !== ctx.params.uid) {
      await message(ctx, 'This login request is not the one this browser started. Go back to the application and start again.');
      return null;
    }
    const clientId = interaction.params.client_id;
    const client = typeof clientId === 'string' ? await deps.findOidcClient.execute(clientId) : null;
    if (client === null) {
      await message(ctx, 'This application is not registered with Signet, or it has been disabled.');
      return null;
    }
    return { provider, interaction, client };
  }

  async function show(ctx: PageContext): Promise<void> {
    const current = await step(ctx);
    if (current === null) return;
    if (current.interaction.prompt.name === 'login') return showLogin(ctx, current);
    const session = ctx.state.session.current;
    if (session === null || !(await isLoggedIn(session.username, current))) return showLogin(ctx, current);
    if (current.client.firstParty) return finish(ctx, current, session.username, session.floor, 'consent', session.amr);
    return showConsent(ctx, current);
  }

  /** The interaction's second step: posted to its own page (the interaction's cookie is bound to that path). */
  function secondStepPage(current: Step): SecondStepPage {
    const action = `${INTERACTION_PATH}/${current.interaction.uid}`;
    return { purpose: `oidc:${current.interaction.uid}`, action, hidden: {}, restart: action };
  }

  async function act(ctx: PageContext): Promise<void> {
    const current = await step(ctx);
    if (current === null) return;
    const action = ctx.state.form.get('action');
    const session = ctx.state.session.current;
    const page = secondStepPage(current);
    const factorRequested = asksForSecondFactor(current.interaction.params.acr_values);
    if (action === SECOND_STEP_ACTION) {
      const completed = await answerSecondStep(ctx, deps, page);
      if (completed === null) return;
      await ctx.state.session.begin(completed.username, completed.floor, completed.amr);
      return finish(ctx, current, completed.username, completed.floor, 'login', completed.amr);
    }
    if (carriesPasskey(ctx)) {
      // A passkey is a factor of its own: it meets acr_values and the policy, with no second step.
      const outcome = await signInWithPostedPasskey(ctx, deps);
      if (!('user' in outcome)) return showLogin(ctx, current, { failure: outcome });
      await ctx.state.session.begin(outcome.user.username, outcome.floor, PASSKEY_AMR);
      return finish(ctx, current, outcome.user.username, outcome.floor, 'login', PASSKEY_AMR);
    }
    if (action === 'login') {
      const outcome = await orRefusal(deps.authenticateUser.execute(loginFields(ctx, deps.config.trustProxy)));
      if (outcome instanceof UserError) return showLogin(ctx, current, { failure: outcome });
      const passed = { user: outcome.user, floor: outcome.floor, purpose: page.purpose, factorRequested };
      if (await startSecondStep(ctx, deps, passed, page)) return;
      await ctx.state.session.begin(outcome.user.username, outcome.floor);
      return finish(ctx, current, outcome.user.username, outcome.floor, 'login', ['pwd']);
    }
    if (action === 'continue' && session !== null && !passwordRequired(current.interaction)) {
      const user = await deps.userDirectory.findByUsername(session.username);
      if (user === null) return showLogin(ctx, current, { switching: true });
      // A session that passed a second factor is not asked again; one that did not is, where one is due.
      const started = await deps.beginSecondStep.execute({
        user,
        floor: session.floor,
        purpose: page.purpose,
        factorRequested,
        amrSoFar: session.amr,
      });
      if (started.kind === 'pending') return presentSecondStep(ctx, deps, started.id, page);
      return finish(ctx, current, session.username, session.floor, 'login', session.amr);
    }
    if (action === 'approve' && session !== null && (await isLoggedIn(session.username, current))) {
      return finish(ctx, current, session.username, session.floor, 'consent', session.amr);
    }
    if (action === 'deny') {
      return resume(ctx, current, { error: 'access_denied', error_description: 'the user refused to share their account' });
    }
    return showLogin(ctx, current, { switching: action === 'switch' });
  }

  /**
   * Ends the interaction for `username`: with the login (when that was the question), and with a
   * grant when the client needs no consent, or was given it now or before. The grant is bound to
   * the login's session floor, so that ending the user's sessions ends what it gives.
   */
  async function finish(
    ctx: PageContext,
    current: Step,
    username: string,
    floor: string | null,
    answering: 'login' | 'consent',
    amr: readonly string[],
  ) {
    const { provider, interaction, client } = current;
    const sub = await deps.rememberOidcSubject.execute(username);
    const requested = scopesOf(interaction.params.scope);
    let grant = interaction.grantId === undefined ? undefined : await provider.Grant.find(interaction.grantId);
    if (grant !== undefined && (grant.accountId !== sub || grant.clientId !== client.clientId)) grant = undefined;
    const granted = new Set(grant?.getOIDCScope().split(' ') ?? []);
    const covered = grant !== undefined && requested.every((scope) => granted.has(scope));
    const result: InteractionResults =
      answering === 'login' ? { login: { accountId: sub, amr: [...amr], acr: acrFor(amr) } } : {};
    if (answering === 'consent' || client.firstParty || covered) {
      grant ??= new provider.Grant({ accountId: sub, clientId: client.clientId });
      grant.addOIDCScope(requested);
      const claims = interaction.prompt.details.missingOIDCClaims;
      if (Array.isArray(claims)) grant.addOIDCClaims(claims.filter((claim): claim is string => typeof claim === 'string'));
      const grantId = await grant.save();
      await deps.recordOidcLogin.execute(grantId, username, floor);
      result.consent = { grantId };
    }
    return resume(ctx, current, result);
  }

  /** True when the provider's login of this interaction is `username`'s. */
  async function isLoggedIn(username: string, current: Step): Promise<boolean> {
    const accountId = current.interaction.session?.accountId;
    return accountId !== undefined && (await deps.rememberOidcSubject.execute(username)) === accountId;
  }

  async function resume(ctx: PageContext, current: Step, result: InteractionResults): Promise<void> {
    const returnTo = await current.provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.status = 303;
    ctx.redirect(returnTo);
  }

  async function showLogin(
    ctx: PageContext,
    current: Step,
    options: { failure?: UserError | PasskeyError; switching?: boolean } = {},
  ) {
    const { failure, switching = false } = options;
    if (failure?.details.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(failure.details.retryAfterSeconds));
    const offerContinue = !switching && !failure && !passwordRequired(current.interaction);
    await renderPage(
      ctx,
      'oidc/login',
      {
        clientName: current.client.name,
        action: `${INTERACTION_PATH}/${current.interaction.uid}`,
        csrfToken: ctx.state.csrfToken(),
        currentUser: offerContinue ? (ctx.state.session.current?.username ?? null) : null,
        username: failure ? (ctx.state.form.get('username') ?? '') : '',
        error: failure?.message ?? null,
        ...passkeyLocals(deps.config),
      },
      failure ? statusFor(failure) : 200,
    );
  }

  async function showConsent(ctx: PageContext, current: Step): Promise<void> {
    await renderPage(ctx, 'oidc/consent', {
      clientName: current.client.name,
      scopes: scopesOf(current.interaction.params.scope),
      currentUser: ctx.state.session.current?.username ?? null,
      action: `${INTERACTION_PATH}/${current.interaction.uid}`,
      csrfToken: ctx.state.csrfToken(),
    });
  }

  router.get<PageState>(path, ...pages, show);
  router.post<PageState>(path, ...pages, act);
  return router;
}

/** `prompt=login` or an exceeded `max_age`: the application wants a password typed now. */
function passwordRequired(interaction: Interaction): boolean {
  const { reasons } = interaction.prompt;
  return reasons.includes('login_prompt') || reasons.includes('max_age');
}

function scopesOf(scope: unknown): string[] {
  return typeof scope === 'string' ? scope.split(' ').filter((part) => part !== '') : [];
}

function message(ctx: PageContext, text: string): Promise<void> {
  return renderPage(ctx, 'error', { message: text }, 400);
}
