import type { Router, RouterMiddleware } from '@koa/router';
import type { UserSummary } from '../../../application/admin/user-summary.js';
import type { ListOwnFactors } from '../../../application/factors/list-own-factors.js';
import type { ListPasskeys } from '../../../application/passkeys/list-passkeys.js';
import { policyCovers, type MfaPolicy } from '../../../domain/factors/mfa-policy.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { PAGE_LIMIT_MAX } from '../../../domain/shared/page.js';
import { adminRequest } from './admin-page-state.js';
import { listParameters, pagerView } from './list-paging.js';
import { field, formOutcome, renderAdmin, seeOther, shownTime, type FormRefusal } from './admin-view.js';

const notices: Readonly<Record<string, string>> = {
  created: 'The user was created.',
  password: 'The password was changed.',
  flags: 'The flags were saved.',
  factors: 'The second factors and recovery codes were removed, and every session of the user ended.',
};

/** What the user page needs of second factors: the list (never a secret) and the policy; the reset is an admin operation. */
export interface UsersPagesDeps {
  listOwnFactors: ListOwnFactors;
  /** A user's passkeys are listed among their factors (name, when added, last used: never a key). */
  listPasskeys: ListPasskeys;
  config: { mfa: { required: MfaPolicy } };
}

interface NewUserFields {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  isStaff: boolean;
  isActive: boolean;
}

/**
 * The users: the list with a form for a new one, and a user's page (password, staff and active
 * flags, second factors with their reset, for superusers only).
 */
export function usersPages(router: Router<BaseState>, pages: readonly RouterMiddleware<PageState>[], deps: UsersPagesDeps): void {
  async function list(ctx: PageContext, typed?: NewUserFields, refusal?: FormRefusal): Promise<void> {
    const paging = listParameters(ctx);
    const users = await adminRequest(ctx).services.listUsers.executeUntyped(paging);
    await renderAdmin(
      ctx,
      'users',
      'users',
      {
        users: users.items.map(userRow),
        pager: pagerView('/admin/users/', { q: paging.q }, { ...users, shown: users.items.length }, paging.cursor),
        typed: typed ?? { username: '', email: '', firstName: '', lastName: '', isStaff: false, isActive: true },
        notice: refusal ? null : noticeOf(ctx),
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  async function create(ctx: PageContext): Promise<void> {
    const { form } = ctx.state;
    const typed: NewUserFields = {
      username: field(form, 'username').trim(),
      email: field(form, 'email').trim(),
      firstName: field(form, 'firstName'),
      lastName: field(form, 'lastName'),
      isStaff: form.has('isStaff'),
      isActive: form.has('isActive'),
    };
    const outcome = await formOutcome(
      adminRequest(ctx).services.createUser.executeUntyped({ ...typed, password: field(form, 'password') }),
    );
    if ('refusal' in outcome) return list(ctx, typed, outcome.refusal);
    seeOther(ctx, `${userPath(outcome.value.username)}?notice=created`);
  }

  async function show(ctx: PageContext, refusal?: FormRefusal): Promise<void> {
    const username = ctx.params.username ?? '';
    // The search holds the username itself; an exact match is among the first page unless 500 names contain it.
    const users = await adminRequest(ctx).services.listUsers.execute({ q: username, limit: PAGE_LIMIT_MAX });
    const user = users.items.find((candidate) => candidate.username === username);
    if (!user) {
      await renderAdmin(ctx, 'missing', 'users', { what: `no user named "${username}"`, back: '/admin/users/' }, 404);
      return;
    }
    const [own, passkeys] = await Promise.all([
      deps.listOwnFactors.execute(user.username),
      deps.listPasskeys.execute(user.username),
    ]);
    await renderAdmin(
      ctx,
      'user',
      'users',
      {
        user: userRow(user),
        factors: own.factors.map((factor) => ({
          kind: factor.kind,
          name: factor.name,
          added: shownTime(factor.createdAt),
          lastUsed: shownTime(factor.lastUsedAt, 'never'),
        })),
        passkeys: passkeys.map((passkey) => ({
          kind: 'passkey',
          name: passkey.name,
          added: shownTime(passkey.createdAt),
          lastUsed: shownTime(passkey.lastUsedAt, 'never'),
        })),
        recoveryCodesLeft: own.recoveryCodesLeft,
        mfaPolicy: deps.config.mfa.required,
        mfaCovered: policyCovers(deps.config.mfa.required, user),
        mayResetFactors: adminRequest(ctx).staff.isSuperuser,
        notice: refusal ? null : noticeOf(ctx),
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  /** Superusers only (the operation refuses anyone else): for a user who lost their factors. Audited; the user's sessions end. */
  async function resetFactors(ctx: PageContext): Promise<void> {
    const username = ctx.params.username ?? '';
    const outcome = await formOutcome(adminRequest(ctx).services.resetUserFactors.executeUntyped({ username }));
    if ('refusal' in outcome) return show(ctx, outcome.refusal);
    seeOther(ctx, `${userPath(username)}?notice=factors`);
  }

  async function setPassword(ctx: PageContext): Promise<void> {
    const username = ctx.params.username ?? '';
    const input = { username, password: field(ctx.state.form, 'password') };
    const outcome = await formOutcome(adminRequest(ctx).services.setPassword.executeUntyped(input));
    if ('refusal' in outcome) return show(ctx, outcome.refusal);
    seeOther(ctx, `${userPath(username)}?notice=password`);
  }

  async function setFlags(ctx: PageContext): Promise<void> {
    const username = ctx.params.username ?? '';
    const { form } = ctx.state;
    const input = { username, isStaff: form.has('isStaff'), isActive: form.has('isActive') };
    const outcome = await formOutcome(adminRequest(ctx).services.setUserFlags.executeUntyped(input));
    if ('refusal' in outcome) return show(ctx, outcome.refusal);
    seeOther(ctx, `${userPath(username)}?notice=flags`);
  }

  router.get<PageState>('/admin/users/', ...pages, (ctx) => list(ctx));
  router.post<PageState>('/admin/users/', ...pages, create);
  router.get<PageState>('/admin/users/:username', ...pages, (ctx) => show(ctx));
  router.post<PageState>('/admin/users/:username/password', ...pages, setPassword);
  router.post<PageState>('/admin/users/:username/flags', ...pages, setFlags);
  router.post<PageState>('/admin/users/:username/factors/reset', ...pages, resetFactors);
}

function userPath(username: string): string {
  return `/admin/users/${encodeURIComponent(username)}`;
}

function userRow(user: UserSummary) {
  return {
    ...user,
    path: userPath(user.username),
    joined: shownTime(user.dateJoined),
    lastLogin: shownTime(user.lastLogin, 'never'),
  };
}

function noticeOf(ctx: PageContext): string | null {
  return typeof ctx.query.notice === 'string' ? (notices[ctx.query.notice] ?? null) : null;
}
