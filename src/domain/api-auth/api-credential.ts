/** One SEC key of an API key. A rotated-out key keeps working until `expiresAt`. */
export interface SecretKey {
  readonly value: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  /** Milliseconds since the epoch after which the key no longer verifies; null: no end. */
  readonly expiresAt: number | null;
}

/**
 * An API/SEC key pair with what it may call. A credential is a value: every change makes a new one.
 */
export interface ApiCredential {
  readonly apiKey: string;
  /** Newest first; at most two are active at once (during a rotation). */
  readonly secretKeys: readonly SecretKey[];
  /** The user requests made with this key act as; null for an anonymous key. */
  readonly username: string | null;
  /** Names of the entry points this key may call. */
  readonly entryPoints: ReadonlySet<string>;
  readonly note: string;
  /** The web host (`host[:port]`) an SSO client key serves; null for a plain API key. */
  readonly ssoHost: string | null;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  /** Milliseconds since the epoch; null when never used. */
  readonly lastUsedAt: number | null;
  readonly revoked: boolean;
}

/** The SEC keys that verify a signature at `now` (ms), newest first. */
export function activeSecrets(credential: ApiCredential, now: number): string[] {
  const secrets: string[] = [];
  for (const key of credential.secretKeys) {
    if (key.expiresAt === null || key.expiresAt > now) secrets.push(key.value);
  }
  return secrets;
}

export function isUsable(credential: ApiCredential, now: number): boolean {
  return !credential.revoked && activeSecrets(credential, now).length > 0;
}
