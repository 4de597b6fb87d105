import type { SigningKey } from './signing-key.js';

/** Where the provider's signing keys are kept (the store: memory or MongoDB, encrypted at rest). */
export interface SigningKeyStore {
  /** Every key, in no particular order; empty before the first start. */
  list(): Promise<SigningKey[]>;

  /** Adds a key; a key with the same kid is replaced. */
  add(key: SigningKey): Promise<void>;
}

/** Makes new signing keys. */
export interface SigningKeyGenerator {
  /** A new key pair for `alg`, with a random kid, created at `now` (ms since the epoch). */
  generate(alg: SigningKey['alg'], now: number): Promise<SigningKey>;
}
