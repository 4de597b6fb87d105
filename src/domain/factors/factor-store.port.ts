import type { StoredFactor } from './factor.js';

/**
 * Users' second factors and recovery codes. A persistent adapter encrypts each factor's secret at
 * rest (SIGNET_MASTER_KEY). Recovery codes are kept as digests only (see recovery-codes.ts).
 */
export interface FactorStore {
  /** The user's factors, oldest first; empty when they have none. */
  listFactors(username: string): Promise<StoredFactor[]>;

  /** Adds a factor; its id is new (a collision is a bug, and rejects). */
  addFactor(factor: StoredFactor): Promise<void>;

  /** Removes the user's factor with this id; false when they had none such. */
  removeFactor(username: string, id: string): Promise<boolean>;

  /** Sets when the factor was last used (ms since the epoch); a missing factor is ignored. */
  recordUse(username: string, id: string, at: number): Promise<void>;

  /** Replaces the user's recovery codes with these digests (an empty list removes them all). */
  replaceRecoveryCodes(username: string, digests: readonly string[]): Promise<void>;

  /**
   * Uses the recovery code with this digest, once: true for the one call that removed it, false for
   * an unknown or already used code, however many calls race for it.
   */
  useRecoveryCode(username: string, digest: string): Promise<boolean>;

  /** How many unused recovery codes the user has. */
  countRecoveryCodes(username: string): Promise<number>;

  /** Removes every factor and recovery code of the user (an admin's reset); how many factors went. */
  removeAll(username: string): Promise<number>;
}
