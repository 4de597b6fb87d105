import type { Router, RouterMiddleware } from '@koa/router';
import type { AdminServices } from '../../../application/admin/admin-operations.js';
import type { AdminGuard } from '../../../application/admin/admin-guard.js';
import { PAGE_LIMIT_DEFAULT } from '../../../domain/shared/page.js';
import { PAGE_POLICY } from '../pages/page-views.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { listParameters } from './list-paging.js';

/** What a form offers as it is typed into: the value it sends, and what the offer shows. */
export interface Choice {
  value: string;
  label: string;
}

/** The most choices a form offers at once: one page of the list, however long the list is. */
export const CHOICES_LIMIT = PAGE_LIMIT_DEFAULT;

/**
 * The users a form offers (the first page of those whose username or email contain `q`): with
 * `bindable`, only those keys may be bound to (API_AUTH_ADMIN_USER_FILTER).
 */
export async function userChoices(services: AdminServices, q: string | undefined, bindable: boolean): Promise<Choice[]> {
  const users = await services.listUsers.execute({ q, limit: CHOICES_LIMIT });
  return users.items
    .filter((user) => !bindable || user.bindable)
    .map((user) => ({ value: user.username, label: user.isActive ? user.username : `${user.username} (inactive)` }));
}

/** The keys a form offers to sign as: the active ones of the first page matching `q` that this staff user may manage. */
export async function keyChoices(services: AdminServices, guard: AdminGuard, q: string | undefined): Promise<Choice[]> {
  const keys = await services.listKeys.execute({ q, limit: CHOICES_LIMIT });
  const active = keys.items.filter((key) => key.state === 'active');
  const manageable = await Promise.all(active.map((key) => guard.mayManageKey(key.apiKey)));
  return active
    .filter((_, index) => manageable[index])
    .map((key) => ({ value: key.apiKey, label: key.note === '' ? key.apiKey : `${key.apiKey} (${key.note})` }));
}

/**
 * `GET /admin/choices/users?q=&bindable=1` and `GET /admin/choices/keys?q=`: what the user and key
 * fields of the admin's forms offer as they are typed into (src/adapters/http/assets/admin.js),
 * as JSON `{"choices": [{"value", "label"}]}`, at most one page of the list. For a logged-in staff
 * user only, like every admin page; reading, they need no CSRF token.
 */
export function choicesRoutes(router: Router<BaseState>, pages: readonly RouterMiddleware<PageState>[]): void {
  function answer(ctx: PageContext, choices: Choice[]): void {
    // The pages' headers: a staff user's data, not to be kept, framed or run as a page.
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', PAGE_POLICY);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.body = { choices };
  }

  router.get<PageState>('/admin/choices/users', ...pages, async (ctx) => {
    const { services } = adminRequest(ctx);
    answer(ctx, await userChoices(services, listParameters(ctx).q, ctx.query.bindable === '1'));
  });
  router.get<PageState>('/admin/choices/keys', ...pages, async (ctx) => {
    const { services, guard } = adminRequest(ctx);
    answer(ctx, await keyChoices(services, guard, listParameters(ctx).q));
  });
}
