import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { summarizeApiKey, type ApiKeySummary } from './list-api-keys.js';

export interface ShowApiKeyDeps {
  credentialStore: CredentialStore;
  clock: Clock;
}

/** One key as it may be shown (never its SEC keys); `credential.not_found` when there is none. */
export class ShowApiKey {
  constructor(private readonly deps: ShowApiKeyDeps) {}

  async execute(apiKey: string): Promise<ApiKeySummary> {
    const credential = await this.deps.credentialStore.findByApiKey(apiKey);
    if (!credential) throw credentialErrors.notFound(apiKey);
    return summarizeApiKey(credential, this.deps.clock.now());
  }
}
