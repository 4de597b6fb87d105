import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { oidcErrors } from '../../domain/oidc/oidc.errors.js';
import { summarizeOidcClient, type OidcClientSummary } from './oidc-client-summary.js';

export interface DisableOidcClientDeps {
  oidcClientStore: OidcClientStore;
}

/** Disables a client: refused everywhere at once (its tokens and grants included) until enabled again. */
export class DisableOidcClient {
  constructor(private readonly deps: DisableOidcClientDeps) {}

  async execute(clientId: string): Promise<OidcClientSummary> {
    const client = await this.deps.oidcClientStore.find(clientId);
    if (client === null) throw oidcErrors.clientNotFound(clientId);
    const changed = { ...client, disabled: true };
    await this.deps.oidcClientStore.save(changed);
    return summarizeOidcClient(changed);
  }
}
