import type { Router, RouterMiddleware } from '@koa/router';
import type { SecretReveal } from '../../../application/admin/secret-reveal.js';
import type { ApiKeySummary } from '../../../application/credentials/list-api-keys.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { userChoices } from './choices.routes.js';
import { listParameters, pagerView } from './list-paging.js';
import { field, formOutcome, numberOrText, renderAdmin, seeOther, shownTime, type FormRefusal } from './admin-view.js';
import { expiryText, keyFormChoices, keyFormValues, keySettings, valuesOfKey, type KeyFormValues } from './key-form.js';
import { stashForNextPage, takeStashed } from './reveal-cookie.js';

/** Rotation grace periods offered on the key's page, in seconds: a minute to a day. */
const GRACE_CHOICES = [
  [60, '1 minute'],
  [300, '5 minutes'],
  [900, '15 minutes'],
  [3600, '1 hour'],
  [21_600, '6 hours'],
  [86_400, '24 hours'],
] as const;

const notices: Readonly<Record<string, string>> = {
  updated: 'The key was saved.',
  disabled: 'The key is disabled: its requests are refused until it is enabled again.',
  enabled: 'The key is enabled.',
  revoked: 'The key is revoked, for good.',
};

/** The keys' pages: the list, a new key, a key's page with its form and its actions. */
export function keysPages(router: Router<BaseState>, pages: readonly RouterMiddleware<PageState>[], reveal: SecretReveal): void {
  async function list(ctx: PageContext): Promise<void> {
    const { services } = adminRequest(ctx);
    const entryPoint = typeof ctx.query.entryPoint === 'string' && ctx.query.entryPoint !== '' ? ctx.query.entryPoint : undefined;
    const paging = listParameters(ctx);
    const [keys, entryPoints] = await Promise.all([
      services.listKeys.executeUntyped({ ...paging, ...(entryPoint === undefined ? {} : { entryPoint }) }),
      services.listEntryPoints.execute({}),
    ]);
    await renderAdmin(ctx, 'keys', 'keys', {
      keys: keys.items.map(keyRow),
      entryPoints: entryPoints.map((entry) => entry.name),
      entryPoint: entryPoint ?? '',
      pager: pagerView('/admin/keys/', { entryPoint, q: paging.q }, { ...keys, shown: keys.items.length }, paging.cursor),
    });
  }

  async function showNewForm(ctx: PageContext, values?: KeyFormValues, refusal?: FormRefusal): Promise<void> {
    const { services } = adminRequest(ctx);
    const [users, entryPoints] = await Promise.all([
      userChoices(services, undefined, true),
      services.listEntryPoints.execute({}),
    ]);
    const shown = values ?? { note: '', username: '', entryPoints: [], expiresAt: '', rateLimitPerMinute: '' };
    await renderAdmin(
      ctx,
      'key-new',
      'keys',
      { ...keyFormChoices(shown, users, entryPoints), error: refusal?.message ?? null },
      refusal?.status ?? 200,
    );
  }

  async function create(ctx: PageContext): Promise<void> {
    const values = keyFormValues(ctx.state.form);
    const outcome = await formOutcome(adminRequest(ctx).services.createKey.executeUntyped(keySettings(values)));
    if ('refusal' in outcome) return showNewForm(ctx, values, outcome.refusal);
    const { apiKey, secretKey } = outcome.value;
    await stashForNextPage(ctx, reveal, `key:${apiKey}`, { apiKey, secretKey });
    seeOther(ctx, keyPath(apiKey));
  }

  async function show(ctx: PageContext, values?: KeyFormValues, refusal?: FormRefusal): Promise<void> {
    const { services } = adminRequest(ctx);
    const apiKey = ctx.params.apiKey ?? '';
    const [key, users, entryPoints] = await Promise.all([
      services.showKey.executeUntyped({ apiKey }),
      userChoices(services, undefined, true),
      services.listEntryPoints.execute({}),
    ]);
    const revealed = refusal ? null : await takeStashed(ctx, reveal, `key:${apiKey}`);
    const notice = typeof ctx.query.notice === 'string' ? (notices[ctx.query.notice] ?? null) : null;
    await renderAdmin(
      ctx,
      'key',
      'keys',
      {
        key: keyRow(key),
        ...keyFormChoices(values ?? valuesOfKey(key), users, entryPoints),
        originalExpiry: expiryText(key.expiresAt),
        secretKey: revealed?.secretKey ?? null,
        newSecret: revealed?.rotated === 'yes',
        previousUntil: revealed?.previousUntil ?? null,
        graceChoices: GRACE_CHOICES.map(([seconds, label]) => ({ seconds, label })),
        notice: refusal ? null : notice,
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  async function update(ctx: PageContext): Promise<void> {
    const apiKey = ctx.params.apiKey ?? '';
    const values = keyFormValues(ctx.state.form);
    const settings = keySettings(values);
    // An expiry left as shown is not sent: it may lie in the past, which only a new expiry may not.
    const expiryChanged = values.expiresAt !== field(ctx.state.form, 'originalExpiry').trim();
    const { expiresAt, ...others } = settings;
    const input = { apiKey, ...others, ...(expiryChanged ? { expiresAt } : {}) };
    const outcome = await formOutcome(adminRequest(ctx).services.updateKey.executeUntyped(input));
    if ('refusal' in outcome) return show(ctx, values, outcome.refusal);
    seeOther(ctx, `${keyPath(apiKey)}?notice=updated`);
  }

  function stateChange(operation: 'disableKey' | 'enableKey' | 'revokeKey', notice: string) {
    return async (ctx: PageContext): Promise<void> => {
      const apiKey = ctx.params.apiKey ?? '';
      const outcome = await formOutcome(adminRequest(ctx).services[operation].executeUntyped({ apiKey }));
      if ('refusal' in outcome) return show(ctx, undefined, outcome.refusal);
      seeOther(ctx, `${keyPath(apiKey)}?notice=${notice}`);
    };
  }

  async function rotate(ctx: PageContext): Promise<void> {
    const apiKey = ctx.params.apiKey ?? '';
    const grace = field(ctx.state.form, 'graceSeconds');
    const input = { apiKey, ...(grace === '' ? {} : { graceSeconds: numberOrText(grace) }) };
    const outcome = await formOutcome(adminRequest(ctx).services.rotateKey.executeUntyped(input));
    if ('refusal' in outcome) return show(ctx, undefined, outcome.refusal);
    const { secretKey, previousExpiresAt } = outcome.value;
    await stashForNextPage(ctx, reveal, `key:${apiKey}`, {
      secretKey,
      rotated: 'yes',
      previousUntil: shownTime(previousExpiresAt, 'now'),
    });
    seeOther(ctx, keyPath(apiKey));
  }

  router.get<PageState>('/admin/keys/', ...pages, list);
  router.get<PageState>('/admin/keys/new', ...pages, (ctx) => showNewForm(ctx));
  router.post<PageState>('/admin/keys/', ...pages, create);
  router.get<PageState>('/admin/keys/:apiKey', ...pages, (ctx) => show(ctx));
  router.post<PageState>('/admin/keys/:apiKey', ...pages, update);
  router.post<PageState>('/admin/keys/:apiKey/disable', ...pages, stateChange('disableKey', 'disabled'));
  router.post<PageState>('/admin/keys/:apiKey/enable', ...pages, stateChange('enableKey', 'enabled'));
  router.post<PageState>('/admin/keys/:apiKey/revoke', ...pages, stateChange('revokeKey', 'revoked'));
  router.post<PageState>('/admin/keys/:apiKey/rotate', ...pages, rotate);
}

export function keyPath(apiKey: string): string {
  return `/admin/keys/${encodeURIComponent(apiKey)}`;
}

/** A key as the pages show it: times as text. */
function keyRow(key: ApiKeySummary) {
  return {
    ...key,
    path: keyPath(key.apiKey),
    created: shownTime(key.createdAt),
    lastUsed: shownTime(key.lastUsedAt, 'never'),
    expires: shownTime(key.expiresAt, 'never'),
    previousExpires: shownTime(key.previousSecretKeyExpiresAt, ''),
  };
}
