/**
 * A passkey (a WebAuthn credential) a user registered, as the store keeps it. Binary values are
 * base64url; times are ms since the epoch.
 */
export interface Passkey {
  /** The credential id the authenticator chose: unique across all users. */
  readonly id: string;
  readonly username: string;
  /**
   * The WebAuthn user handle the credential was registered under: random, the same for all of a
   * user's passkeys (so that an authenticator keeps one passkey per user), never the username.
   */
  readonly userHandle: string;
  /** The credential's public key, COSE-encoded. */
  readonly publicKey: string;
  /** The signature counter last seen; 0 for an authenticator that keeps none. */
  readonly counter: number;
  /** How the browser may reach the authenticator (`internal`, `usb`, `hybrid`...), as it said at registration. */
  readonly transports: readonly string[];
  /** The user's name for it ("Laptop", "Phone"). */
  readonly name: string;
  readonly createdAt: number;
  /** null until it is first used to log in. */
  readonly lastUsedAt: number | null;
}

/** A passkey's name: one line, 1 to 64 characters once trimmed. */
export const PASSKEY_NAME_MAX = 64;

/** The name given, trimmed and on one line; null when none is left or it is too long. */
export function passkeyName(text: string): string | null {
  const name = text.replace(/\s+/g, ' ').trim();
  return name === '' || name.length > PASSKEY_NAME_MAX ? null : name;
}
