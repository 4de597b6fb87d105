import { isUsableClient, type OidcClient } from '../../domain/oidc/oidc-client.js';
import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';

export interface FindOidcClientDeps {
  oidcClientStore: OidcClientStore;
}

/** The client a request names, when it may take part in a login: null for an unknown or disabled one. */
export class FindOidcClient {
  constructor(private readonly deps: FindOidcClientDeps) {}

  async execute(clientId: string): Promise<OidcClient | null> {
    const client = await this.deps.oidcClientStore.find(clientId);
    return isUsableClient(client) ? client : null;
  }
}
