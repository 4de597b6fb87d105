/** At least 16 random bytes, base64url without padding: 22 characters or more. */
const nonceFormat = /^[A-Za-z0-9_-]{22,128}$/;

export function isWellFormedNonce(nonce: string): boolean {
  return nonceFormat.test(nonce);
}

/**
 * Seconds a used nonce must be remembered: as long as a request dated `date` could still pass the
 * drift check, plus one second of margin.
 */
export function nonceMemorySeconds(date: number, now: number, allowedDriftSeconds: number): number {
  const until = date + allowedDriftSeconds * 1000;
  return Math.max(1, Math.ceil((until - now) / 1000) + 1);
}
