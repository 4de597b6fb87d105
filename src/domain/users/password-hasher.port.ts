/**
 * Hashes and checks the provider's passwords. A hash is self-describing (algorithm, parameters, salt),
 * so that the cost can be raised later without locking anyone out.
 */
export interface PasswordHasher {
  /** A new hash of `password` with the configured parameters and a fresh salt. */
  hash(password: string): Promise<string>;

  /**
   * True when `password` matches `encoded`. The comparison is constant-time; a malformed hash is
   * false (never a throw) and costs what a real one does.
   */
  verify(password: string, encoded: string): Promise<boolean>;

  /** True when `encoded` was made with other parameters than the configured ones. */
  needsRehash(encoded: string): boolean;
}
