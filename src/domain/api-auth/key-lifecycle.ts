import type { ApiCredential } from './api-credential.js';
import { credentialErrors } from './credential.errors.js';

/** What a key can do now, as the admin shows it: the first that applies of revoked, expired, disabled. */
export type CredentialState = 'active' | 'disabled' | 'expired' | 'revoked';

export function credentialState(credential: ApiCredential, now: number): CredentialState {
  if (credential.revoked) return 'revoked';
  if (isExpired(credential, now)) return 'expired';
  return credential.disabled ? 'disabled' : 'active';
}

export function isExpired(credential: ApiCredential, now: number): boolean {
  return credential.expiresAt !== null && credential.expiresAt <= now;
}

/** How long a rotated-out SEC key may keep working: a minute at least, so clients can move, and a day at most. */
export const ROTATION_GRACE = { minSeconds: 60, maxSeconds: 86_400 } as const;

/** The grace period if it is within bounds; throws `credential.invalid_grace` otherwise. */
export function checkRotationGrace(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < ROTATION_GRACE.minSeconds || seconds > ROTATION_GRACE.maxSeconds) {
    throw credentialErrors.invalidGrace();
  }
  return seconds;
}

/** Bounds of a per-key rate limit, in requests a minute. */
export const RATE_LIMIT_BOUNDS = { min: 1, max: 1_000_000 } as const;

/** The limit if it is null (none) or within bounds; throws `credential.invalid_rate_limit` otherwise. */
export function checkRateLimit(perMinute: number | null): number | null {
  if (perMinute === null) return null;
  if (!Number.isInteger(perMinute) || perMinute < RATE_LIMIT_BOUNDS.min || perMinute > RATE_LIMIT_BOUNDS.max) {
    throw credentialErrors.invalidRateLimit();
  }
  return perMinute;
}

/** An expiry that is null (none) or in the future; a date already past would only be a mistake. */
export function checkExpiry(expiresAt: number | null, now: number): number | null {
  if (expiresAt === null) return null;
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= now) throw credentialErrors.expiryInPast();
  return expiresAt;
}

/** Refused until enabled again; a revoked key cannot be changed any more. */
export function disabled(credential: ApiCredential): ApiCredential {
  if (credential.revoked) throw credentialErrors.revoked(credential.apiKey);
  return { ...credential, disabled: true };
}

/** Enabling a revoked key is refused: revoking is for good. */
export function enabled(credential: ApiCredential): ApiCredential {
  if (credential.revoked) throw credentialErrors.revoked(credential.apiKey);
  return { ...credential, disabled: false };
}

/** What an admin may change of a key besides its state; absent fields are left as they are. */
export interface CredentialSettings {
  readonly note?: string;
  readonly username?: string | null;
  readonly entryPoints?: Iterable<string>;
  readonly expiresAt?: number | null;
  readonly rateLimitPerMinute?: number | null;
}

/** The credential with these settings, each checked; a revoked key cannot be changed. */
export function withSettings(credential: ApiCredential, settings: CredentialSettings, now: number): ApiCredential {
  if (credential.revoked) throw credentialErrors.revoked(credential.apiKey);
  return {
    ...credential,
    ...(settings.note === undefined ? {} : { note: settings.note }),
    ...(settings.username === undefined ? {} : { username: settings.username }),
    ...(settings.entryPoints === undefined ? {} : { entryPoints: new Set(settings.entryPoints) }),
    ...(settings.expiresAt === undefined ? {} : { expiresAt: checkExpiry(settings.expiresAt, now) }),
    ...(settings.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: checkRateLimit(settings.rateLimitPerMinute) }),
  };
}
