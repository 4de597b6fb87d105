/**
 * Time-based one-time passwords (RFC 6238): SHA-1, six digits, 30-second steps, as every
 * authenticator app reads them from an `otpauth://` URI.
 */
export interface TotpAlgorithm {
  /** A new secret, base32 (160 random bits). */
  newSecret(): string;

  /** The `otpauth://totp/...` URI an authenticator app scans. */
  provisioningUri(secret: string, account: string, issuer: string): string;

  /**
   * The time step (floor(unix seconds / 30)) of the code `code` matches at `now` (ms since the
   * epoch), within one step either side for clocks that drift; null when it matches none.
   */
  matchingStep(secret: string, code: string, now: number): number | null;
}
