import { revoked } from '../../domain/api-auth/credential-factory.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { summarizeApiKey, type ApiKeySummary } from './list-api-keys.js';

export interface RevokeApiKeyDeps {
  credentialStore: CredentialStore;
  clock: Clock;
}

/** Stops a key from verifying any request, for good; it stays listed, marked revoked, and revoking it again is refused (`credential.revoked`). */
export class RevokeApiKey {
  constructor(private readonly deps: RevokeApiKeyDeps) {}

  async execute(apiKey: string): Promise<ApiKeySummary> {
    const updated = await this.deps.credentialStore.update(apiKey, (credential) => {
      if (credential.revoked) throw credentialErrors.revoked(apiKey);
      return revoked(credential);
    });
    if (!updated) throw credentialErrors.notFound(apiKey);
    return summarizeApiKey(updated, this.deps.clock.now());
  }
}
