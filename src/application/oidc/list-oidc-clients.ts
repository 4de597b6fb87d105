import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { containsText, PAGE_LIMIT_DEFAULT, type Page } from '../../domain/shared/page.js';
import { summarizeOidcClient, type OidcClientSummary } from './oidc-client-summary.js';

export interface ListOidcClientsDeps {
  oidcClientStore: OidcClientStore;
}

/** Which page of clients: `limit` (50 by default) after `cursor`, those whose id, name or a redirect URI contain `q`. */
export interface OidcClientQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
  q?: string | undefined;
}

/** A page of OpenID clients, sorted by client id; `next` is the last client id of the page. */
export class ListOidcClients {
  constructor(private readonly deps: ListOidcClientsDeps) {}

  async execute(query: OidcClientQuery = {}): Promise<Page<OidcClientSummary>> {
    const search = query.q?.trim() ?? '';
    // A deployment registers tens of clients, not thousands: they are filtered here rather than in the store.
    const matching = (await this.deps.oidcClientStore.list()).filter(
      (client) =>
        search === '' ||
        containsText(client.clientId, search) ||
        containsText(client.name, search) ||
        client.redirectUris.some((uri) => containsText(uri, search)),
    );
    const after = query.cursor;
    const rest = after === undefined ? matching : matching.filter((client) => client.clientId > after);
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const items = rest.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(summarizeOidcClient),
      total: matching.length,
      next: rest.length > limit && last !== undefined ? last.clientId : null,
    };
  }
}
