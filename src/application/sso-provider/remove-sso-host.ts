import { revoked } from '../../domain/api-auth/credential-factory.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { normalizeSsoHost } from '../../domain/sso-provider/sso-host.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';

export interface RemoveSsoHostDeps {
  credentialStore: CredentialStore;
}

/**
 * Stops a client app from using the provider by revoking its key. Revoking rather than deleting
 * takes effect at once (every signed call fails, the login page refuses the key) while keeping
 * the record of which key served which host and when it was last used; the host is free for a new
 * `add-host` straight away.
 */
export class RemoveSsoHost {
  constructor(private readonly deps: RemoveSsoHostDeps) {}

  /** The API keys revoked. */
  async execute(host: string): Promise<string[]> {
    const normalized = normalizeSsoHost(host);
    if (normalized === null) throw ssoErrors.invalidHost(host);
    const live = (await this.deps.credentialStore.listBySsoHost(normalized)).filter((credential) => !credential.revoked);
    if (live.length === 0) throw ssoErrors.hostNotFound(normalized);
    for (const credential of live) await this.deps.credentialStore.save(revoked(credential));
    return live.map((credential) => credential.apiKey);
  }
}
