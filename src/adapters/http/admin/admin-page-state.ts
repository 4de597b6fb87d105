import type { AdminGuard } from '../../../application/admin/admin-guard.js';
import type { AdminServices } from '../../../application/admin/admin-operations.js';
import type { Actor } from '../../../domain/admin/actor.js';
import type { User } from '../../../domain/users/user.js';
import type { PageContext } from '../signet-context.js';

/** What the staff gate establishes for an admin page's handler. */
export interface AdminRequest {
  /** The staff user logged in. */
  readonly staff: User;
  readonly actor: Actor;
  /** The grant check of that user: what they may manage. */
  readonly guard: AdminGuard;
  /** The admin operations, acting as that user. */
  readonly services: AdminServices;
}

const admitted = new WeakMap<object, AdminRequest>();

export function admit(ctx: PageContext, request: AdminRequest): void {
  admitted.set(ctx, request);
}

/** The staff gate's answer for this request; a handler reached without the gate is a bug. */
export function adminRequest(ctx: PageContext): AdminRequest {
  const request = admitted.get(ctx);
  if (!request) throw new Error(`${ctx.method} ${ctx.path} is an admin page without the staff gate`);
  return request;
}
