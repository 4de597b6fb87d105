import type { Clock } from '../../domain/shared/clock.port.js';
import { SIGNING_ALGORITHMS, type SigningKey, type SigningKeyState } from '../../domain/oidc/signing-key.js';
import type { SigningKeyGenerator, SigningKeyStore } from '../../domain/oidc/signing-key-store.port.js';
import type { SigningKeyView } from './list-signing-keys.js';

export interface RotateSigningKeysDeps {
  signingKeyStore: SigningKeyStore;
  signingKeyGenerator: SigningKeyGenerator;
  clock: Clock;
  config: { oidc: { keyActivationDelaySeconds: number } };
}

/**
 * A new key for each algorithm, published at once and signing once `activationDelaySeconds` (the
 * setting OIDC_KEY_ACTIVATION_DELAY by default) have passed, so that relying parties that cache the
 * JWKS know it before they meet a token it signed. The keys it replaces stay published until every
 * token they signed has expired.
 */
export class RotateSigningKeys {
  constructor(private readonly deps: RotateSigningKeysDeps) {}

  async execute(activationDelaySeconds?: number): Promise<SigningKeyView[]> {
    const { signingKeyStore, signingKeyGenerator, clock, config } = this.deps;
    const now = clock.now();
    const activatesAt = now + (activationDelaySeconds ?? config.oidc.keyActivationDelaySeconds) * 1000;
    const added: SigningKey[] = [];
    for (const alg of SIGNING_ALGORITHMS) {
      const key = await signingKeyGenerator.generate(alg, now, activatesAt);
      await signingKeyStore.add(key);
      added.push(key);
    }
    // A key that signs at once (no delay) says so: the keys it replaces are retiring from now.
    return added.map((key): SigningKeyView => {
      const state: SigningKeyState = key.activatesAt > now ? 'pending' : 'signing';
      return { kid: key.kid, alg: key.alg, createdAt: key.createdAt, activatesAt: key.activatesAt, state, dropsAt: null };
    });
  }
}
