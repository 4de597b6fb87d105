/**
 * Whether a login's signature counter may follow the one stored. An authenticator that keeps a
 * counter raises it at every signature, so a counter that does not rise means the credential's key
 * was copied, and the copy used; an authenticator that keeps none (most synced passkeys) always says
 * 0, and then the check cannot tell anything.
 */
export function counterMovedOn(stored: number, received: number): boolean {
  if (stored === 0 && received === 0) return true;
  return received > stored;
}
