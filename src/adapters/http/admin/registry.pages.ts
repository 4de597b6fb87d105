import type { Router, RouterMiddleware } from '@koa/router';
import type { SecretReveal } from '../../../application/admin/secret-reveal.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { listParameters, pagerView } from './list-paging.js';
import { field, formOutcome, renderAdmin, seeOther, shownTime, type FormRefusal } from './admin-view.js';
import { stashForNextPage, takeStashed } from './reveal-cookie.js';

const SSO_SUBJECT = 'sso-hosts';

/** The entry points (and their reload) and the SSO client hosts. */
export function registryPages(
  router: Router<BaseState>,
  pages: readonly RouterMiddleware<PageState>[],
  reveal: SecretReveal,
): void {
  async function entryPoints(
    ctx: PageContext,
    changes: readonly { action: string; name: string }[] | null = null,
  ): Promise<void> {
    const listed = await adminRequest(ctx).services.listEntryPoints.execute({});
    await renderAdmin(ctx, 'entry-points', 'entry-points', { entryPoints: listed, changes });
  }

  async function reload(ctx: PageContext): Promise<void> {
    await entryPoints(ctx, await adminRequest(ctx).services.reloadEntryPoints.execute({}));
  }

  async function hosts(ctx: PageContext, typed?: { host: string; note: string }, refusal?: FormRefusal): Promise<void> {
    const paging = listParameters(ctx);
    const listed = await adminRequest(ctx).services.listSsoHosts.executeUntyped(paging);
    const added = refusal ? null : await takeStashed(ctx, reveal, SSO_SUBJECT);
    const removed = typeof ctx.query.removed === 'string' ? ctx.query.removed : null;
    await renderAdmin(
      ctx,
      'sso-hosts',
      'sso-hosts',
      {
        pager: pagerView('/admin/sso-hosts/', { q: paging.q }, { ...listed, shown: listed.items.length }, paging.cursor),
        hosts: listed.items.map((host) => ({
          ...host,
          created: shownTime(host.createdAt),
          lastUsed: shownTime(host.lastUsedAt, 'never'),
          removePath: `/admin/sso-hosts/${encodeURIComponent(host.host)}/remove`,
        })),
        added,
        removed: refusal ? null : removed,
        typed: typed ?? { host: '', note: '' },
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  async function addHost(ctx: PageContext): Promise<void> {
    const typed = { host: field(ctx.state.form, 'host').trim(), note: field(ctx.state.form, 'note') };
    const input = typed.note === '' ? { host: typed.host } : typed;
    const outcome = await formOutcome(adminRequest(ctx).services.addSsoHost.executeUntyped(input));
    if ('refusal' in outcome) return hosts(ctx, typed, outcome.refusal);
    await stashForNextPage(ctx, reveal, SSO_SUBJECT, { ...outcome.value });
    seeOther(ctx, '/admin/sso-hosts/');
  }

  async function removeHost(ctx: PageContext): Promise<void> {
    const outcome = await formOutcome(adminRequest(ctx).services.removeSsoHost.executeUntyped({ host: ctx.params.host ?? '' }));
    if ('refusal' in outcome) return hosts(ctx, undefined, outcome.refusal);
    seeOther(ctx, `/admin/sso-hosts/?removed=${encodeURIComponent(outcome.value.host)}`);
  }

  router.get<PageState>('/admin/entry-points/', ...pages, (ctx) => entryPoints(ctx));
  router.post<PageState>('/admin/entry-points/reload', ...pages, reload);
  router.get<PageState>('/admin/sso-hosts/', ...pages, (ctx) => hosts(ctx));
  router.post<PageState>('/admin/sso-hosts/', ...pages, addHost);
  router.post<PageState>('/admin/sso-hosts/:host/remove', ...pages, removeHost);
}
