import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { signingOrder, type SigningKey } from '../../domain/oidc/signing-key.js';
import type { SigningKeyGenerator, SigningKeyStore } from '../../domain/oidc/signing-key-store.port.js';

export interface PrepareSigningKeysDeps {
  signingKeyStore: SigningKeyStore;
  signingKeyGenerator: SigningKeyGenerator;
  cache: Cache;
  clock: Clock;
}

/** Longer than generating and storing a key takes; a claim left by a process that died frees after this. */
const CLAIM_TTL_SECONDS = 30;
const POLL_MS = 100;
const WAIT_MS = 10_000;

/**
 * The provider's signing keys in signing order, an ES256 key generated at the first start. Of
 * instances starting at once on one store, one generates (it holds the claim in the shared cache)
 * and the others wait for its key, so that they all sign with the same one.
 */
export class PrepareSigningKeys {
  constructor(private readonly deps: PrepareSigningKeysDeps) {}

  async execute(): Promise<SigningKey[]> {
    const { signingKeyStore, signingKeyGenerator, cache, clock } = this.deps;
    const stored = await signingKeyStore.list();
    if (stored.length > 0) return signingOrder(stored);
    if (await cache.setIfAbsent('oidc-signing-key-claim', '1', CLAIM_TTL_SECONDS)) {
      await signingKeyStore.add(await signingKeyGenerator.generate('ES256', clock.now()));
      return signingOrder(await signingKeyStore.list());
    }
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const keys = await signingKeyStore.list();
      if (keys.length > 0) return signingOrder(keys);
    }
    throw new Error('no OpenID signing key appeared in the store while another instance was making the first one');
  }
}
