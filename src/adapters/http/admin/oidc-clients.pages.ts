import type { Router, RouterMiddleware } from '@koa/router';
import type { SecretReveal } from '../../../application/admin/secret-reveal.js';
import type { OidcClientSummary } from '../../../application/oidc/oidc-client-summary.js';
import { isDomainError } from '../../../domain/errors.js';
import { OIDC_SCOPES } from '../../../domain/oidc/oidc-client.js';
import { SIGNING_ALGORITHMS } from '../../../domain/oidc/signing-key.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { field, formOutcome, renderAdmin, seeOther, shownTime, type FormRefusal } from './admin-view.js';
import { listParameters, pagerView } from './list-paging.js';
import { stashForNextPage, takeStashed } from './reveal-cookie.js';

const notices: Readonly<Record<string, string>> = {
  updated: 'The client was saved.',
  disabled: 'The client is disabled: it is refused everywhere, its tokens included, until it is enabled again.',
  enabled: 'The client is enabled.',
};

/** The client form as typed: URIs one a line, scopes as checked. */
interface ClientFormValues {
  clientId: string;
  name: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  scopes: readonly string[];
  firstParty: boolean;
  public: boolean;
  idTokenSignedResponseAlg: string;
}

const EMPTY_FORM: ClientFormValues = {
  clientId: '',
  name: '',
  redirectUris: '',
  postLogoutRedirectUris: '',
  scopes: ['openid', 'profile', 'email', 'groups', 'offline_access'],
  firstParty: false,
  public: false,
  idTokenSignedResponseAlg: 'ES256',
};

/** The OpenID Connect clients' pages: the list with the form of a new client, a client's page with its actions. */
export function oidcClientsPages(
  router: Router<BaseState>,
  pages: readonly RouterMiddleware<PageState>[],
  reveal: SecretReveal,
): void {
  async function list(ctx: PageContext, typed?: ClientFormValues, refusal?: FormRefusal): Promise<void> {
    const paging = listParameters(ctx);
    const listed = await adminRequest(ctx).services.listOidcClients.executeUntyped(paging);
    const removed = typeof ctx.query.removed === 'string' ? ctx.query.removed : null;
    await renderAdmin(
      ctx,
      'oidc-clients',
      'oidc-clients',
      {
        pager: pagerView('/admin/oidc-clients/', { q: paging.q }, { ...listed, shown: listed.items.length }, paging.cursor),
        clients: listed.items.map(clientRow),
        form: formChoices(typed ?? EMPTY_FORM),
        removed: refusal ? null : removed,
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  async function create(ctx: PageContext): Promise<void> {
    const typed = formValues(ctx.state.form);
    const input = {
      ...(typed.clientId.trim() === '' ? {} : { clientId: typed.clientId.trim() }),
      ...settingsOf(typed),
      public: typed.public,
    };
    const outcome = await formOutcome(adminRequest(ctx).services.createOidcClient.executeUntyped(input));
    if ('refusal' in outcome) return list(ctx, typed, outcome.refusal);
    const { client, clientSecret } = outcome.value;
    if (clientSecret !== null) await stashForNextPage(ctx, reveal, subjectOf(client.clientId), { clientSecret });
    seeOther(ctx, clientPath(client.clientId));
  }

  async function show(ctx: PageContext, typed?: ClientFormValues, refusal?: FormRefusal): Promise<void> {
    const clientId = ctx.params.clientId ?? '';
    let client: OidcClientSummary;
    try {
      client = await adminRequest(ctx).services.showOidcClient.executeUntyped({ clientId });
    } catch (error) {
      if (!isDomainError(error) || (error.code !== 'oidc.client_not_found' && error.code !== 'admin.invalid_input')) throw error;
      await renderAdmin(
        ctx,
        'missing',
        'oidc-clients',
        { what: `no OpenID client "${clientId}"`, back: '/admin/oidc-clients/' },
        404,
      );
      return;
    }
    const revealed = refusal ? null : await takeStashed(ctx, reveal, subjectOf(clientId));
    const notice = typeof ctx.query.notice === 'string' ? (notices[ctx.query.notice] ?? null) : null;
    await renderAdmin(
      ctx,
      'oidc-client',
      'oidc-clients',
      {
        client: clientRow(client),
        form: formChoices(typed ?? valuesOf(client)),
        clientSecret: revealed?.clientSecret ?? null,
        notice: refusal ? null : notice,
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  async function update(ctx: PageContext): Promise<void> {
    const clientId = ctx.params.clientId ?? '';
    const typed = { ...formValues(ctx.state.form), clientId };
    const outcome = await formOutcome(
      adminRequest(ctx).services.updateOidcClient.executeUntyped({ clientId, ...settingsOf(typed) }),
    );
    if ('refusal' in outcome) return show(ctx, typed, outcome.refusal);
    seeOther(ctx, `${clientPath(clientId)}?notice=updated`);
  }

  function stateChange(operation: 'disableOidcClient' | 'enableOidcClient', notice: string) {
    return async (ctx: PageContext): Promise<void> => {
      const clientId = ctx.params.clientId ?? '';
      const outcome = await formOutcome(adminRequest(ctx).services[operation].executeUntyped({ clientId }));
      if ('refusal' in outcome) return show(ctx, undefined, outcome.refusal);
      seeOther(ctx, `${clientPath(clientId)}?notice=${notice}`);
    };
  }

  async function rotateSecret(ctx: PageContext): Promise<void> {
    const clientId = ctx.params.clientId ?? '';
    const outcome = await formOutcome(adminRequest(ctx).services.rotateOidcClientSecret.executeUntyped({ clientId }));
    if ('refusal' in outcome) return show(ctx, undefined, outcome.refusal);
    await stashForNextPage(ctx, reveal, subjectOf(clientId), { clientSecret: outcome.value.clientSecret ?? '' });
    seeOther(ctx, clientPath(clientId));
  }

  async function remove(ctx: PageContext): Promise<void> {
    const clientId = ctx.params.clientId ?? '';
    const outcome = await formOutcome(adminRequest(ctx).services.removeOidcClient.executeUntyped({ clientId }));
    if ('refusal' in outcome) return show(ctx, undefined, outcome.refusal);
    seeOther(ctx, `/admin/oidc-clients/?removed=${encodeURIComponent(clientId)}`);
  }

  router.get<PageState>('/admin/oidc-clients/', ...pages, (ctx) => list(ctx));
  router.post<PageState>('/admin/oidc-clients/', ...pages, create);
  router.get<PageState>('/admin/oidc-clients/:clientId', ...pages, (ctx) => show(ctx));
  router.post<PageState>('/admin/oidc-clients/:clientId', ...pages, update);
  router.post<PageState>('/admin/oidc-clients/:clientId/disable', ...pages, stateChange('disableOidcClient', 'disabled'));
  router.post<PageState>('/admin/oidc-clients/:clientId/enable', ...pages, stateChange('enableOidcClient', 'enabled'));
  router.post<PageState>('/admin/oidc-clients/:clientId/rotate-secret', ...pages, rotateSecret);
  router.post<PageState>('/admin/oidc-clients/:clientId/remove', ...pages, remove);
}

function clientPath(clientId: string): string {
  return `/admin/oidc-clients/${encodeURIComponent(clientId)}`;
}

/** Where a new secret waits for the client's page: bound to the client (and, by the cookie, to the staff user). */
function subjectOf(clientId: string): string {
  return `oidc-client:${clientId}`;
}

function formValues(form: URLSearchParams): ClientFormValues {
  return {
    clientId: field(form, 'clientId'),
    name: field(form, 'name'),
    redirectUris: field(form, 'redirectUris'),
    postLogoutRedirectUris: field(form, 'postLogoutRedirectUris'),
    scopes: form.getAll('scopes'),
    firstParty: form.get('firstParty') === 'on',
    public: form.get('clientType') === 'public',
    idTokenSignedResponseAlg: field(form, 'idTokenSignedResponseAlg') || 'ES256',
  };
}

/** What the form sets, as the operations take it: URIs one a line, blanks dropped. */
function settingsOf(typed: ClientFormValues) {
  return {
    name: typed.name,
    redirectUris: lines(typed.redirectUris),
    postLogoutRedirectUris: lines(typed.postLogoutRedirectUris),
    scopes: [...typed.scopes],
    firstParty: typed.firstParty,
    idTokenSignedResponseAlg: typed.idTokenSignedResponseAlg,
  };
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function valuesOf(client: OidcClientSummary): ClientFormValues {
  return {
    clientId: client.clientId,
    name: client.name,
    redirectUris: client.redirectUris.join('\n'),
    postLogoutRedirectUris: client.postLogoutRedirectUris.join('\n'),
    scopes: client.scopes,
    firstParty: client.firstParty,
    public: !client.confidential,
    idTokenSignedResponseAlg: client.idTokenSignedResponseAlg,
  };
}

/** The form's values with its choices: each scope checked or not, each algorithm selected or not. */
function formChoices(values: ClientFormValues) {
  return {
    ...values,
    scopeChoices: OIDC_SCOPES.map((scope) => ({
      scope,
      checked: scope === 'openid' || values.scopes.includes(scope),
      fixed: scope === 'openid',
    })),
    algChoices: SIGNING_ALGORITHMS.map((alg) => ({ alg, selected: alg === values.idTokenSignedResponseAlg })),
  };
}

function clientRow(client: OidcClientSummary) {
  return { ...client, path: clientPath(client.clientId), created: shownTime(client.createdAt) };
}
