import { sha256Base64url } from '../shared/digest.js';
import { addressBucket } from './address-bucket.js';

/** Logins are counted in windows of this length, starting at the first attempt. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** A username may be tried this many times in a window; a success starts its count again. */
export const MAX_ATTEMPTS_PER_USERNAME = 10;
/** An address may try this many logins in a window, whatever the usernames. */
export const MAX_ATTEMPTS_PER_ADDRESS = 100;

/** One thing login attempts are counted against. */
export interface ThrottleSubject {
  /** Cache key of the attempt counter; each subject has a `{tag}` of its own, so counters spread over a cluster's masters. */
  readonly counterKey: string;
  readonly maxAttempts: number;
}

/** The counter of a username; hashed, so that odd input makes no odd cache key. */
export function usernameSubject(username: string): ThrottleSubject {
  return { counterKey: `login:user:{${sha256Base64url(username)}}`, maxAttempts: MAX_ATTEMPTS_PER_USERNAME };
}

/** The counter of a client address (as the HTTP edge determined it); an IPv6 address counts as its /64. */
export function addressSubject(address: string): ThrottleSubject {
  return { counterKey: `login:addr:{${sha256Base64url(addressBucket(address))}}`, maxAttempts: MAX_ATTEMPTS_PER_ADDRESS };
}

/**
 * Seconds to wait when any counter has gone over its limit, or null when the attempt may go on.
 * An attempt is counted before the password is checked, so a burst of any size gets no more tries
 * than the limits allow.
 */
export function overLimitFor(
  subjects: readonly ThrottleSubject[],
  counts: readonly { count: number; secondsLeft: number }[],
): number | null {
  let wait: number | null = null;
  for (const [index, subject] of subjects.entries()) {
    const state = counts[index];
    if (state && state.count > subject.maxAttempts) wait = Math.max(wait ?? 0, state.secondsLeft);
  }
  return wait;
}
