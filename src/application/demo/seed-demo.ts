import type { ApiCredential } from '../../domain/api-auth/api-credential.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';
import { DEMO_API_KEY } from './demo-data.js';

export interface SeedDemoDeps {
  credentialStore: CredentialStore;
  clock: Clock;
}

/**
 * Puts the demo data in place (never in production). Idempotent: what exists is left alone, so
 * a restart against a persistent store keeps any changes made since.
 */
export class SeedDemo {
  constructor(private readonly deps: SeedDemoDeps) {}

  async execute(): Promise<void> {
    const { credentialStore, clock } = this.deps;
    if (await credentialStore.findByApiKey(DEMO_API_KEY.apiKey)) return;
    const now = clock.now();
    const credential: ApiCredential = {
      apiKey: DEMO_API_KEY.apiKey,
      secretKeys: [{ value: DEMO_API_KEY.secretKey, createdAt: now, expiresAt: null }],
      username: null,
      entryPoints: new Set(DEMO_API_KEY.entryPoints),
      note: DEMO_API_KEY.note,
      ssoHost: null,
      createdAt: now,
      lastUsedAt: null,
      revoked: false,
    };
    await credentialStore.save(credential);
  }
}
