import type { ApiCredential } from './api-credential.js';
import { apiAuthErrors, type ApiAuthError } from './api-auth.errors.js';

/** A key's requests are counted in windows of this length, each starting with its first request. */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

/** A request the caller must count, in the Cache (so that every instance counts together), before letting it through. */
export interface RateLimitClaim {
  /** The counter's cache key: one per API key. */
  readonly counterKey: string;
  readonly perMinute: number;
}

/** The count to take for a request by this key; null when the key has no limit. */
export function rateLimitClaim(credential: ApiCredential): RateLimitClaim | null {
  if (credential.rateLimitPerMinute === null) return null;
  return { counterKey: `ratelimit:${credential.apiKey}`, perMinute: credential.rateLimitPerMinute };
}

/**
 * Whether a counted request may go on: the count includes it, so the first `perMinute` of a window
 * pass and the rest wait for the window to end (`Retry-After`). Counting before deciding is what
 * lets exactly the limit through when a burst arrives at once, on any number of instances.
 */
export function judgeRateLimit(claim: RateLimitClaim, counted: { count: number; secondsLeft: number }): ApiAuthError | null {
  return counted.count > claim.perMinute ? apiAuthErrors.rateLimitExceeded(counted.secondsLeft) : null;
}
