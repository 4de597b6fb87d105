import { activeSecrets } from '../../domain/api-auth/api-credential.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';

export interface ListApiKeysDeps {
  credentialStore: CredentialStore;
  clock: Clock;
}

/** What may be shown of a credential: everything but its SEC keys. */
export interface ApiKeySummary {
  apiKey: string;
  username: string | null;
  entryPoints: string[];
  note: string;
  ssoHost: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revoked: boolean;
  /** How many SEC keys verify now: 2 during a rotation. */
  activeSecretKeys: number;
}

export class ListApiKeys {
  constructor(private readonly deps: ListApiKeysDeps) {}

  async execute(): Promise<ApiKeySummary[]> {
    const now = this.deps.clock.now();
    return (await this.deps.credentialStore.list()).map((credential) => ({
      apiKey: credential.apiKey,
      username: credential.username,
      entryPoints: [...credential.entryPoints].sort(),
      note: credential.note,
      ssoHost: credential.ssoHost,
      createdAt: credential.createdAt,
      lastUsedAt: credential.lastUsedAt,
      revoked: credential.revoked,
      activeSecretKeys: activeSecrets(credential, now).length,
    }));
  }
}
