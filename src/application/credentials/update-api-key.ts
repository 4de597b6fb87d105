import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import { withSettings, type CredentialSettings } from '../../domain/api-auth/key-lifecycle.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { requireKnownEntryPoints, requireKnownUser } from './known-names.js';
import { summarizeApiKey, type ApiKeySummary } from './list-api-keys.js';

export interface UpdateApiKeyDeps {
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  clock: Clock;
}

/**
 * Changes a key's note, user, entry points (the whole set), expiry or rate limit; what is absent
 * stays as it was. The user must exist and the entry points be known; a revoked key cannot change.
 */
export class UpdateApiKey {
  constructor(private readonly deps: UpdateApiKeyDeps) {}

  async execute(apiKey: string, settings: CredentialSettings): Promise<ApiKeySummary> {
    const { credentialStore, userDirectory, clock } = this.deps;
    if (settings.username !== undefined) await requireKnownUser(userDirectory, settings.username);
    const entryPoints = settings.entryPoints === undefined ? undefined : [...settings.entryPoints];
    if (entryPoints !== undefined) await requireKnownEntryPoints(credentialStore, entryPoints);
    const now = clock.now();
    const changes = { ...settings, ...(entryPoints === undefined ? {} : { entryPoints }) };
    const updated = await credentialStore.update(apiKey, (credential) => withSettings(credential, changes, now));
    if (!updated) throw credentialErrors.notFound(apiKey);
    return summarizeApiKey(updated, now);
  }
}
