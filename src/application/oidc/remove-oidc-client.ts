import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { oidcErrors } from '../../domain/oidc/oidc.errors.js';

export interface RemoveOidcClientDeps {
  oidcClientStore: OidcClientStore;
}

/** Removes a client for good: its id may be registered again, as a new client. */
export class RemoveOidcClient {
  constructor(private readonly deps: RemoveOidcClientDeps) {}

  async execute(clientId: string): Promise<void> {
    if (!(await this.deps.oidcClientStore.remove(clientId))) throw oidcErrors.clientNotFound(clientId);
  }
}
