import type { SigningKey } from './signing-key.js';

/** Where the provider's signing keys are kept (the store: memory or MongoDB, encrypted at rest). */
export interface SigningKeyStore {
  /** Every key, in no particular order; empty before the first start. */
  list(): Promise<SigningKey[]>;

  /** Adds a key; a key with the same kid is replaced. */
  add(key: SigningKey): Promise<void>;

  /** Removes the key with this kid; false when there was none. */
  remove(kid: string): Promise<boolean>;
}

/** Makes new signing keys. */
export interface SigningKeyGenerator {
  /** A new key pair for `alg`, with a random kid, created at `now` and signing from `activatesAt` (ms since the epoch). */
  generate(alg: SigningKey['alg'], now: number, activatesAt?: number): Promise<SigningKey>;
}
