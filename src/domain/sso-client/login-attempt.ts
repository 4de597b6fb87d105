import { z } from 'zod';
import { constantTimeTextEqual } from '../api-auth/hmac.js';
import { sha256Base64url } from '../shared/digest.js';
import { localNext } from './local-next.js';

/** How long a browser has, from "Log in" at the app, to come back to the callback. */
export const LOGIN_ATTEMPT_TTL_SECONDS = 10 * 60;

/**
 * How many logins one browser may have under way at once (a login started in each of a few tabs);
 * starting another forgets the oldest. Bounded so that the cookie holding them stays small.
 */
export const MAX_PENDING_ATTEMPTS = 3;

const attemptSchema = z.object({
  /** SHA-256 of the request token, base64url: the cookie never holds the token itself. */
  digest: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /** The local path to go to once logged in. */
  next: z.string(),
  /** ms since the epoch. */
  expiresAt: z.number().int(),
});

/**
 * A login this browser started at the app: the callback is accepted only in a browser that holds the
 * attempt for its request token, so a pair of tokens minted for someone else's login (an attacker's,
 * sent to a victim) is refused before anything is redeemed. Kept by the browser, not the app: an
 * anonymous visitor costs the app no server-side state.
 */
export type LoginAttempt = z.infer<typeof attemptSchema>;

export function newLoginAttempt(requestToken: string, next: string | undefined, now: number): LoginAttempt {
  return { digest: sha256Base64url(requestToken), next: localNext(next), expiresAt: now + LOGIN_ATTEMPT_TTL_SECONDS * 1000 };
}

/** The live attempts in what the browser sent back (already authenticated by the edge); [] for anything else. */
export function liveAttempts(stored: unknown, now: number): LoginAttempt[] {
  const parsed = z.array(attemptSchema).max(MAX_PENDING_ATTEMPTS).safeParse(stored);
  if (!parsed.success) return [];
  return parsed.data
    .filter((attempt) => attempt.expiresAt > now)
    .map((attempt) => ({ ...attempt, next: localNext(attempt.next) }));
}

/** The attempts with `attempt` added as the newest, the oldest dropped beyond MAX_PENDING_ATTEMPTS. */
export function withAttempt(attempts: readonly LoginAttempt[], attempt: LoginAttempt): LoginAttempt[] {
  return [...attempts, attempt].slice(-MAX_PENDING_ATTEMPTS);
}

/** The attempts without `attempt`: a finished login is not kept. */
export function withoutAttempt(attempts: readonly LoginAttempt[], attempt: LoginAttempt): LoginAttempt[] {
  return attempts.filter((kept) => kept.digest !== attempt.digest);
}

/** The live attempt this browser holds for `requestToken`; null when it holds none (another browser's login). */
export function attemptFor(attempts: readonly LoginAttempt[], requestToken: string, now: number): LoginAttempt | null {
  const digest = sha256Base64url(requestToken);
  // Every attempt is compared, in constant time, so the answer's timing says nothing of which matched.
  let found: LoginAttempt | null = null;
  for (const attempt of attempts) {
    if (constantTimeTextEqual(attempt.digest, digest) && attempt.expiresAt > now) found = attempt;
  }
  return found;
}

/** Whole seconds an attempt has left, at least 1. */
export function attemptSecondsLeft(attempt: LoginAttempt, now: number): number {
  return Math.max(1, Math.ceil((attempt.expiresAt - now) / 1000));
}

/**
 * Where the cache marks a callback as used (by its request token's digest), so that of many
 * callbacks with the same pair only the first reaches the provider, whatever the provider does
 * about reuse (dj-sso-server's auth tokens never expired on their own).
 */
export function usedCallbackKey(attempt: LoginAttempt): string {
  return `used-callback:${attempt.digest}`;
}
