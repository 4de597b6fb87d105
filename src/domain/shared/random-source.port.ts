/** Where the domain gets randomness from: a CSPRNG in production, a seeded one in tests if needed. */
export interface RandomSource {
  /** `length` bytes from a cryptographically secure generator. */
  bytes(length: number): Uint8Array;
}
