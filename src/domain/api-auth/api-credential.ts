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
  /** The client address of that use, as the HTTP edge saw it; null when never used (or not recorded). */
  readonly lastUsedFrom: string | null;
  /** Permanent: a revoked key never verifies again, and cannot be enabled. */
  readonly revoked: boolean;
  /** Reversible: a disabled key is refused (`API key disabled`) until it is enabled again. */
  readonly disabled: boolean;
  /** Milliseconds since the epoch from which the key is refused (`API key expired`); null: no end. */
  readonly expiresAt: number | null;
  /** Requests a minute the key may make, counted across instances; null: no limit. */
  readonly rateLimitPerMinute: number | null;
}

/** The SEC keys that verify a signature at `now` (ms), newest first. */
export function activeSecrets(credential: ApiCredential, now: number): string[] {
  const secrets: string[] = [];
  for (const key of credential.secretKeys) {
    if (key.expiresAt === null || key.expiresAt > now) secrets.push(key.value);
  }
  return secrets;
}

/** A credential that can verify a request now, with the SEC keys it verifies with. */
export interface UsableCredential {
  readonly credential: ApiCredential;
  /** Newest first; never empty. */
  readonly secrets: readonly string[];
}

/** The credential and its active SEC keys; null when it is unknown, revoked or has none active. */
export function usableCredential(credential: ApiCredential | null, now: number): UsableCredential | null {
  if (!credential || credential.revoked) return null;
  const secrets = activeSecrets(credential, now);
  return secrets.length > 0 ? { credential, secrets } : null;
}

export function isUsable(credential: ApiCredential, now: number): boolean {
  return usableCredential(credential, now) !== null;
}

/** How stale a key's last-used time may get before a request writes it again. */
export const LAST_USE_RESOLUTION_MS = 60_000;
/** A use from another address is written sooner, but still at most this often, so a key shared by many clients costs few writes. */
export const LAST_USE_ADDRESS_RESOLUTION_MS = 1_000;

/**
 * True when a request at `now` from `address` should write the key's last use: once a minute, or
 * sooner (once a second at most) when it comes from another address than the one recorded.
 */
export function shouldRecordUse(credential: ApiCredential, now: number, address: string | null): boolean {
  if (credential.lastUsedAt === null) return true;
  const age = now - credential.lastUsedAt;
  return age >= LAST_USE_RESOLUTION_MS || (address !== credential.lastUsedFrom && age >= LAST_USE_ADDRESS_RESOLUTION_MS);
}
