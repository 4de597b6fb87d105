import { Router, type RouterMiddleware } from '@koa/router';
import type { ChangeOwnPassword } from '../../../application/factors/change-own-password.js';
import type { ConfirmTotp } from '../../../application/factors/confirm-totp.js';
import type { ListOwnFactors } from '../../../application/factors/list-own-factors.js';
import type { ProposeTotp } from '../../../application/factors/propose-totp.js';
import type { RegenerateRecoveryCodes } from '../../../application/factors/regenerate-recovery-codes.js';
import type { RemoveOwnFactor } from '../../../application/factors/remove-own-factor.js';
import type { ListPasskeys } from '../../../application/passkeys/list-passkeys.js';
import type { EndListedSession } from '../../../application/sessions/end-listed-session.js';
import type { EndUserSessions } from '../../../application/sessions/end-user-sessions.js';
import type { ListUserSessions } from '../../../application/sessions/list-user-sessions.js';
import { FactorError } from '../../../domain/factors/factors.errors.js';
import { passedSecondFactor, policyCovers, type MfaPolicy } from '../../../domain/factors/mfa-policy.js';
import type { Session } from '../../../domain/sessions/session.js';
import type { UserDirectory } from '../../../domain/users/user-directory.port.js';
import { UserError } from '../../../domain/users/user.errors.js';
import { clientAddress } from '../client-address.js';
import { statusFor } from '../error-status.js';
import { groupedSecret, qrSvgDataUri } from '../factors/qr-svg.js';
import { renderPage } from '../pages/page-views.js';
import { passkeyRows } from '../passkeys/passkey-rows.js';
import type { BaseState, PageContext, PageState, SignetRouter } from '../signet-context.js';

export interface AccountDeps {
  config: { trustProxy: boolean; mfa: { required: MfaPolicy }; passkeys: { relyingParty: unknown } };
  userDirectory: UserDirectory;
  listOwnFactors: ListOwnFactors;
  listPasskeys: ListPasskeys;
  proposeTotp: ProposeTotp;
  confirmTotp: ConfirmTotp;
  removeOwnFactor: RemoveOwnFactor;
  regenerateRecoveryCodes: RegenerateRecoveryCodes;
  changeOwnPassword: ChangeOwnPassword;
  listUserSessions: ListUserSessions;
  endListedSession: EndListedSession;
  endUserSessions: EndUserSessions;
}

const notices: Readonly<Record<string, string>> = {
  password: 'Your password was changed. Every other session of yours has ended.',
  others: 'Every other session of yours has ended.',
  session: 'That session has ended.',
  totp: 'The authenticator app was added.',
  removed: 'The second factor was removed.',
};

/** A refusal the person can act on, shown on the page again; anything else is thrown. */
type Refusal = FactorError | UserError;

async function orRefusal<T>(step: Promise<T>): Promise<T | Refusal> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof FactorError || error instanceof UserError) return error;
    throw error;
  }
}

/**
 * `/account/`: a logged-in user's own account: their password, their sessions, their second factors
 * and recovery codes. Every change is a POST carrying a CSRF token; a visitor who is not logged in
 * is sent to the login page.
 */
export function accountRoutes(deps: AccountDeps, pages: readonly RouterMiddleware<PageState>[]): SignetRouter {
  const router = new Router<BaseState>();

  /**
   * The session, or null once the visitor has been sent to log in: a GET comes back to its page, a
   * form posted after the session ended (a CSRF token of this browser still passes) to the account page.
   */
  function sessionOf(ctx: PageContext): Session | null {
    const session = ctx.state.session.current;
    if (session !== null) return session;
    const back = ctx.method === 'GET' || ctx.method === 'HEAD' ? ctx.path : '/account/';
    seeOther(ctx, `/login/?next=${encodeURIComponent(back)}`);
    return null;
  }

  async function show(ctx: PageContext, refusal?: Refusal): Promise<void> {
    const session = sessionOf(ctx);
    if (session === null) return;
    const [own, passkeys, sessions, user] = await Promise.all([
      deps.listOwnFactors.execute(session.username),
      deps.listPasskeys.execute(session.username),
      deps.listUserSessions.execute(session.username),
      deps.userDirectory.findByUsername(session.username),
    ]);
    if (refusal?.details.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(refusal.details.retryAfterSeconds));
    await renderPage(
      ctx,
      'account/index',
      {
        username: session.username,
        csrfToken: ctx.state.csrfToken(),
        notice: refusal ? null : noticeOf(ctx),
        error: refusal?.message ?? null,
        factors: own.factors.map((factor) => ({
          ...factor,
          created: shownTime(factor.createdAt),
          lastUsed: shownTime(factor.lastUsedAt, 'never'),
        })),
        recoveryCodesLeft: own.recoveryCodesLeft,
        passkeys: passkeyRows(passkeys),
        passkeysOffered: deps.config.passkeys.relyingParty !== null,
        back: '/account/',
        required: user !== null && policyCovers(deps.config.mfa.required, user),
        passedFactor: passedSecondFactor(session.amr),
        sessions: sessions.map((listed) => ({
          slot: listed.slot,
          current: listed.sessionKey === ctx.state.session.key,
          userAgent: listed.userAgent || 'an unknown browser',
          started: shownTime(listed.createdAt),
          lastSeen: shownTime(listed.lastSeenAt),
          secondFactor: passedSecondFactor(listed.amr),
        })),
      },
      refusal ? statusFor(refusal) : 200,
    );
  }

  async function changePassword(ctx: PageContext): Promise<void> {
    const session = sessionOf(ctx);
    if (session === null) return;
    const { form } = ctx.state;
    const outcome = await orRefusal(
      deps.changeOwnPassword.execute({
        username: session.username,
        current: form.get('current') ?? '',
        next: form.get('password') ?? '',
        repeated: form.get('repeated') ?? '',
        address: clientAddress(ctx, deps.config.trustProxy),
      }),
    );
    if (typeof outcome !== 'string') {
      const refusal =
        outcome instanceof UserError && outcome.code === 'user.invalid_credentials'
          ? new UserError(outcome.code, 'Your current password is not right.')
          : outcome;
      return show(ctx, refusal);
    }
    // This browser stays logged in, under the new floor; every other session has ended.
    await ctx.state.session.begin(session.username, outcome, session.amr);
    seeOther(ctx, '/account/?notice=password');
  }

  async function endOthers(ctx: PageContext): Promise<void> {
    const session = sessionOf(ctx);
    if (session === null) return;
    const floor = await deps.endUserSessions.execute(session.username);
    await ctx.state.session.begin(session.username, floor, session.amr);
    seeOther(ctx, '/account/?notice=others');
  }

  async function endOne(ctx: PageContext): Promise<void> {
    const session = sessionOf(ctx);
    if (session === null) return;
    const ended = await deps.endListedSession.execute(session.username, Number(ctx.params.slot));
    seeOther(ctx, ended ? '/account/?notice=session' : '/account/');
  }

  async function showTotp(ctx: PageContext, refusal?: Refusal): Promise<void> {
    const session = sessionOf(ctx);
    const key = ctx.state.session.key;
    if (session === null || key === null) return;
    const proposal = await deps.proposeTotp.execute(session.username, key);
    await renderPage(
      ctx,
      'account/totp',
      {
        csrfToken: ctx.state.csrfToken(),
        qrCode: await qrSvgDataUri(proposal.uri),
        secret: groupedSecret(proposal.secret),
        name: ctx.state.form.get('name') ?? 'Authenticator app',
        error: refusal?.message ?? null,
      },
      refusal ? statusFor(refusal) : 200,
    );
  }

  async function confirmTotp(ctx: PageContext): Promise<void> {
    const session = sessionOf(ctx);
    const key = ctx.state.session.key;
    if (session === null || key === null) return;
    const outcome = await orRefusal(
      deps.confirmTotp.execute({
        username: session.username,
        sessionKey: key,
        code: ctx.state.form.get('code') ?? '',
        name: ctx.state.form.get('name') ?? '',
      }),
    );
    if (outcome instanceof FactorError || outcome instanceof UserError) return showTotp(ctx, outcome);
    if (outcome.recoveryCodes === null) return seeOther(ctx, '/account/?notice=totp');
    await showRecoveryCodes(ctx, outcome.recoveryCodes);
  }

  async function removeFactor(ctx: PageContext): Promise<void> {
    const session = sessionOf(ctx);
    if (session === null) return;
    const outcome = await orRefusal(deps.removeOwnFactor.execute(session.username, ctx.params.id ?? ''));
    if (outcome instanceof FactorError || outcome instanceof UserError) return show(ctx, outcome);
    seeOther(ctx, '/account/?notice=removed');
  }

  async function regenerate(ctx: PageContext): Promise<void> {
    const session = sessionOf(ctx);
    if (session === null) return;
    const outcome = await orRefusal(deps.regenerateRecoveryCodes.execute(session.username));
    if (outcome instanceof FactorError || outcome instanceof UserError) return show(ctx, outcome);
    await showRecoveryCodes(ctx, outcome);
  }

  function showRecoveryCodes(ctx: PageContext, codes: readonly string[]): Promise<void> {
    return renderPage(ctx, 'account/recovery-codes', { codes });
  }

  router.get<PageState>('/account/', ...pages, (ctx) => show(ctx));
  router.get('/account', (ctx) => {
    ctx.status = 301;
    ctx.redirect('/account/');
  });
  router.post<PageState>('/account/password', ...pages, changePassword);
  router.post<PageState>('/account/sessions/others', ...pages, endOthers);
  router.post<PageState>('/account/sessions/:slot/end', ...pages, endOne);
  router.get<PageState>('/account/totp/', ...pages, (ctx) => showTotp(ctx));
  router.post<PageState>('/account/totp/', ...pages, confirmTotp);
  router.post<PageState>('/account/factors/:id/remove', ...pages, removeFactor);
  router.post<PageState>('/account/recovery-codes', ...pages, regenerate);
  return router;
}

function seeOther(ctx: PageContext, location: string): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 303;
  ctx.redirect(location);
}

function noticeOf(ctx: PageContext): string | null {
  return typeof ctx.query.notice === 'string' ? (notices[ctx.query.notice] ?? null) : null;
}

/** A time as the pages show it: UTC, to the minute. */
function shownTime(at: number | null, none = '—'): string {
  return at === null ? none : `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
