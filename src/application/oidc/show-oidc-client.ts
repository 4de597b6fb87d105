import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { oidcErrors } from '../../domain/oidc/oidc.errors.js';
import { summarizeOidcClient, type OidcClientSummary } from './oidc-client-summary.js';

export interface ShowOidcClientDeps {
  oidcClientStore: OidcClientStore;
}

/** One OpenID client, without its secret; `oidc.client_not_found` when there is none. */
export class ShowOidcClient {
  constructor(private readonly deps: ShowOidcClientDeps) {}

  async execute(clientId: string): Promise<OidcClientSummary> {
    const client = await this.deps.oidcClientStore.find(clientId);
    if (client === null) throw oidcErrors.clientNotFound(clientId);
    return summarizeOidcClient(client);
  }
}
