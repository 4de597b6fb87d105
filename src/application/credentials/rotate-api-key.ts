import { generateSecretKey, rotateSecret } from '../../domain/api-auth/credential-factory.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import { checkRotationGrace } from '../../domain/api-auth/key-lifecycle.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';

export interface RotateApiKeyDeps {
  credentialStore: CredentialStore;
  clock: Clock;
  random: RandomSource;
  config: { apiAuth: { rotationGraceSeconds: number } };
}

export interface RotatedApiKey {
  apiKey: string;
  /** The new SEC key, shown this once. */
  secretKey: string;
  /** When the previous SEC key stops verifying, in ms since the epoch. */
  previousExpiresAt: number | null;
}

/**
 * Gives a key a new SEC key; the previous one keeps verifying for the grace period chosen (1 minute
 * to 24 hours), or API_KEY_ROTATION_GRACE when none is.
 */
export class RotateApiKey {
  constructor(private readonly deps: RotateApiKeyDeps) {}

  async execute(apiKey: string, options: { graceSeconds?: number | undefined } = {}): Promise<RotatedApiKey> {
    const graceSeconds = checkRotationGrace(options.graceSeconds ?? this.deps.config.apiAuth.rotationGraceSeconds);
    const secretKey = generateSecretKey(this.deps.random);
    const now = this.deps.clock.now();
    const rotated = await this.deps.credentialStore.update(apiKey, (credential) => {
      if (credential.revoked) throw credentialErrors.revoked(apiKey);
      return rotateSecret(credential, secretKey, now, graceSeconds);
    });
    if (!rotated) throw credentialErrors.notFound(apiKey);
    return { apiKey, secretKey, previousExpiresAt: rotated.secretKeys[1]?.expiresAt ?? null };
  }
}
