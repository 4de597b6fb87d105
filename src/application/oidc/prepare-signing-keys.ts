import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { planSigningKeys, SIGNING_ALGORITHMS, type SigningKey, type SigningKeyPlan } from '../../domain/oidc/signing-key.js';
import type { SigningKeyGenerator, SigningKeyStore } from '../../domain/oidc/signing-key-store.port.js';

export interface PrepareSigningKeysDeps {
  signingKeyStore: SigningKeyStore;
  signingKeyGenerator: SigningKeyGenerator;
  cache: Cache;
  clock: Clock;
  config: { oidc: { idTokenTtlSeconds: number } };
}

/** Longer than generating and storing the keys takes; a claim left by a process that died frees after this. */
const CLAIM_TTL_SECONDS = 30;
const POLL_MS = 100;
const WAIT_MS = 10_000;

/**
 * The provider's signing keys as they stand now (see `planSigningKeys`): a key of each algorithm
 * (ES256, RS256) generated when the store has none, keys whose tokens have all expired removed. Of
 * instances starting at once on one store, one generates (it holds the claim in the shared cache)
 * and the others wait for its keys, so that they all sign with the same ones.
 */
export class PrepareSigningKeys {
  constructor(private readonly deps: PrepareSigningKeysDeps) {}

  async execute(): Promise<SigningKeyPlan> {
    const { signingKeyStore, signingKeyGenerator, cache, clock } = this.deps;
    let stored = await signingKeyStore.list();
    if (missingAlgorithms(stored).length > 0) {
      if (await cache.setIfAbsent('oidc-signing-key-claim', '1', CLAIM_TTL_SECONDS)) {
        stored = await signingKeyStore.list();
        for (const alg of missingAlgorithms(stored))
          await signingKeyStore.add(await signingKeyGenerator.generate(alg, clock.now()));
        stored = await signingKeyStore.list();
      } else {
        stored = await this.awaitOtherInstance();
      }
    }
    const plan = planSigningKeys(stored, clock.now(), this.deps.config.oidc.idTokenTtlSeconds * 1000);
    for (const key of plan.dropped) await signingKeyStore.remove(key.kid);
    return plan;
  }

  private async awaitOtherInstance(): Promise<SigningKey[]> {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const keys = await this.deps.signingKeyStore.list();
      if (missingAlgorithms(keys).length === 0) return keys;
    }
    throw new Error('no OpenID signing keys appeared in the store while another instance was making the first ones');
  }
}

function missingAlgorithms(keys: readonly SigningKey[]): SigningKey['alg'][] {
  return SIGNING_ALGORITHMS.filter((alg) => !keys.some((key) => key.alg === alg));
}
