import { createHash } from 'node:crypto';

/** Failed logins are counted in windows of this length, starting at the first failure. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Once a username has failed more than this many times in a window, further tries are refused until it ends. */
export const MAX_FAILURES_PER_USERNAME = 10;
/** Once an address has failed more than this many times in a window, further tries are refused until it ends. */
export const MAX_FAILURES_PER_ADDRESS = 100;

/** One thing failed logins are counted against. */
export interface ThrottleSubject {
  /** Cache key of the failure counter. */
  readonly counterKey: string;
  /** Cache key that, while present, refuses every try; it holds the end of the window (ms). */
  readonly lockKey: string;
  readonly maxFailures: number;
}

/** The counter of a username; hashed, so that odd input makes no odd cache key. */
export function usernameSubject(username: string): ThrottleSubject {
  const id = createHash('sha256').update(username, 'utf8').digest('base64url');
  return { counterKey: `login:fail:user:${id}`, lockKey: `login:lock:user:${id}`, maxFailures: MAX_FAILURES_PER_USERNAME };
}

/** The counter of a client address (as the HTTP edge determined it). */
export function addressSubject(address: string): ThrottleSubject {
  const id = createHash('sha256').update(address, 'utf8').digest('base64url');
  return { counterKey: `login:fail:addr:${id}`, lockKey: `login:lock:addr:${id}`, maxFailures: MAX_FAILURES_PER_ADDRESS };
}

/** Whole seconds until a lock that ends at `lockedUntil` (ms) lifts, at least 1. */
export function secondsUntil(lockedUntil: number, now: number): number {
  return Math.max(1, Math.ceil((lockedUntil - now) / 1000));
}
