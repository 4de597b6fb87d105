import type { Router, RouterMiddleware } from '@koa/router';
import type { SigningKeyView } from '../../../application/oidc/list-signing-keys.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { formOutcome, renderAdmin, seeOther, shownTime, type FormRefusal } from './admin-view.js';

/** The OpenID signing keys' page: which key signs, waits or retires, and a button that rotates them. */
export function oidcKeysPages(router: Router<BaseState>, pages: readonly RouterMiddleware<PageState>[]): void {
  async function keys(ctx: PageContext, refusal?: FormRefusal): Promise<void> {
    const listed = await adminRequest(ctx).services.listOidcKeys.execute({});
    const rotated = ctx.query.notice === 'rotated' && !refusal;
    await renderAdmin(
      ctx,
      'oidc-keys',
      'oidc-clients',
      {
        keys: listed.map(keyRow),
        notice: rotated ? 'New keys are published: they sign once the activation delay has passed.' : null,
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  async function rotateKeys(ctx: PageContext): Promise<void> {
    const outcome = await formOutcome(adminRequest(ctx).services.rotateOidcKeys.execute({}));
    if ('refusal' in outcome) return keys(ctx, outcome.refusal);
    seeOther(ctx, '/admin/oidc-keys/?notice=rotated');
  }

  router.get<PageState>('/admin/oidc-keys/', ...pages, (ctx) => keys(ctx));
  router.post<PageState>('/admin/oidc-keys/rotate', ...pages, rotateKeys);
}

function keyRow(key: SigningKeyView) {
  return {
    ...key,
    created: shownTime(key.createdAt),
    activates: shownTime(key.activatesAt),
    drops: shownTime(key.dropsAt, '—'),
  };
}
