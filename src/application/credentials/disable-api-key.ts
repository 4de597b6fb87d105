import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import { disabled } from '../../domain/api-auth/key-lifecycle.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { summarizeApiKey, type ApiKeySummary } from './list-api-keys.js';

export interface DisableApiKeyDeps {
  credentialStore: CredentialStore;
  clock: Clock;
}

/** Refuses a key's requests (`API key disabled`) until it is enabled again; unlike a revocation, it can be undone. */
export class DisableApiKey {
  constructor(private readonly deps: DisableApiKeyDeps) {}

  async execute(apiKey: string): Promise<ApiKeySummary> {
    const changed = await this.deps.credentialStore.update(apiKey, disabled);
    if (!changed) throw credentialErrors.notFound(apiKey);
    return summarizeApiKey(changed, this.deps.clock.now());
  }
}
