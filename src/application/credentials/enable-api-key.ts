import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import { enabled } from '../../domain/api-auth/key-lifecycle.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { summarizeApiKey, type ApiKeySummary } from './list-api-keys.js';

export interface EnableApiKeyDeps {
  credentialStore: CredentialStore;
  clock: Clock;
}

/** Lets a disabled key verify again; a revoked key stays revoked (`credential.revoked`). */
export class EnableApiKey {
  constructor(private readonly deps: EnableApiKeyDeps) {}

  async execute(apiKey: string): Promise<ApiKeySummary> {
    const changed = await this.deps.credentialStore.update(apiKey, enabled);
    if (!changed) throw credentialErrors.notFound(apiKey);
    return summarizeApiKey(changed, this.deps.clock.now());
  }
}
