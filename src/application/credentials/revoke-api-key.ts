import { revoked } from '../../domain/api-auth/credential-factory.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';

export interface RevokeApiKeyDeps {
  credentialStore: CredentialStore;
}

/** Stops a key from verifying any request; it stays listed, marked revoked. */
export class RevokeApiKey {
  constructor(private readonly deps: RevokeApiKeyDeps) {}

  async execute(apiKey: string): Promise<void> {
    const updated = await this.deps.credentialStore.update(apiKey, (credential) =>
      credential.revoked ? null : revoked(credential),
    );
    if (!updated) throw credentialErrors.notFound(apiKey);
  }
}
