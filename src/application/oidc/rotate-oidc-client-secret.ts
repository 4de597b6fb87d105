import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { oidcErrors } from '../../domain/oidc/oidc.errors.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { newClientSecret, summarizeOidcClient, type OidcClientSummary } from './oidc-client-summary.js';

export interface RotateOidcClientSecretDeps {
  oidcClientStore: OidcClientStore;
  random: RandomSource;
}

/**
 * Gives a confidential client a new secret, handed back once; the old one is refused at once (a
 * secret is rotated because it leaked). A public client has none: `oidc.invalid_client`.
 */
export class RotateOidcClientSecret {
  constructor(private readonly deps: RotateOidcClientSecretDeps) {}

  async execute(clientId: string): Promise<{ client: OidcClientSummary; secret: string }> {
    const client = await this.deps.oidcClientStore.find(clientId);
    if (client === null) throw oidcErrors.clientNotFound(clientId);
    if (client.secret === null) throw oidcErrors.invalidClient(`"${clientId}" is a public client: it has no secret to rotate`);
    const secret = newClientSecret(this.deps.random);
    const changed = { ...client, secret };
    await this.deps.oidcClientStore.save(changed);
    return { client: summarizeOidcClient(changed), secret };
  }
}
