import type { RouterMiddleware } from '@koa/router';
import { AdminGuard, guardedAdminServices, type AdminGuardDeps } from '../../../application/admin/admin-guard.js';
import { adminServicesFor, type AdminUseCases } from '../../../application/admin/admin-services.js';
import type { ResolveAdminAuthority } from '../../../application/admin/resolve-admin-authority.js';
import { staffActor } from '../../../domain/admin/actor.js';
import { adminErrors } from '../../../domain/admin/admin.errors.js';
import { isAdminUser } from '../../../domain/admin/staff.js';
import { factorErrors } from '../../../domain/factors/factors.errors.js';
import { passedSecondFactor, policyCovers, type MfaPolicy } from '../../../domain/factors/mfa-policy.js';
import type { EntryPoint } from '../../../domain/api-auth/entry-point.js';
import type { UserDirectory } from '../../../domain/users/user-directory.port.js';
import { clientAddress } from '../client-address.js';
import type { PageContext, PageState } from '../signet-context.js';
import { admit } from './admin-page-state.js';
import { withinHeldOperations } from './held-operations.js';

export type StaffGateDeps = AdminUseCases &
  AdminGuardDeps & {
    userDirectory: UserDirectory;
    resolveAdminAuthority: Pick<ResolveAdminAuthority, 'ofUser'>;
    config: { trustProxy: boolean; mfa: { required: MfaPolicy } };
  };

/**
 * Lets active staff users through, with the admin operations bound to them. The user is read on
 * every request, so taking away a staff or active flag takes effect at once. Anyone else: a visitor
 * who has not logged in is sent to the login page (a GET) or refused (any other method); a logged-in
 * user who is not staff is refused, 403. A staff user who is not a superuser acts within what they
 * hold (see ResolveAdminAuthority), and makes a change only through an operation whose admin API
 * entry point they hold. Where MFA_REQUIRED covers the user, the session's login must have passed a
 * second factor: one that did not (begun before the policy, or before the factor) is sent to log in
 * again (a GET), where the second step (or the enrolment) comes before anything else, or refused.
 */
export function staffGate(deps: StaffGateDeps, discovered: () => readonly EntryPoint[]): RouterMiddleware<PageState> {
  return async function staffGateMiddleware(ctx: PageContext, next: () => Promise<unknown>) {
    const session = ctx.state.session.current;
    const toLogin = () => {
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 303;
      ctx.redirect(`/login/?next=${encodeURIComponent(`${ctx.path}${ctx.search}`)}`);
    };
    if (session === null) {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw adminErrors.staffOnly();
      return toLogin();
    }
    const user = await deps.userDirectory.findByUsername(session.username);
    if (!isAdminUser(user)) throw adminErrors.staffOnly();
    if (policyCovers(deps.config.mfa.required, user) && !passedSecondFactor(session.amr)) {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw factorErrors.secondFactorRequired();
      return toLogin();
    }
    const actor = staffActor(user.username, clientAddress(ctx, deps.config.trustProxy));
    const guard = new AdminGuard(deps, await deps.resolveAdminAuthority.ofUser(user));
    const guarded = guardedAdminServices(adminServicesFor(deps, actor, discovered), guard);
    admit(ctx, { staff: user, actor, guard, services: withinHeldOperations(guarded, guard.authority) });
    await next();
  };
}
