import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { oidcErrors } from '../../domain/oidc/oidc.errors.js';
import { summarizeOidcClient, type OidcClientSummary } from './oidc-client-summary.js';

export interface EnableOidcClientDeps {
  oidcClientStore: OidcClientStore;
}

/** Enables a disabled client again. */
export class EnableOidcClient {
  constructor(private readonly deps: EnableOidcClientDeps) {}

  async execute(clientId: string): Promise<OidcClientSummary> {
    const client = await this.deps.oidcClientStore.find(clientId);
    if (client === null) throw oidcErrors.clientNotFound(clientId);
    const changed = { ...client, disabled: false };
    await this.deps.oidcClientStore.save(changed);
    return summarizeOidcClient(changed);
  }
}
