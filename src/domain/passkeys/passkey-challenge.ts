import { z } from 'zod';
import { sha256Base64url } from '../shared/digest.js';
import { addressBucket } from '../users/address-bucket.js';
import type { RandomSource } from '../shared/random-source.port.js';
import { parseJsonOrUndefined } from '../shared/safe-json.js';

/** How long a browser has to answer a passkey challenge. */
export const PASSKEY_CHALLENGE_TTL_SECONDS = 5 * 60;

/**
 * Challenges one client address may be given in CHALLENGE_WINDOW_SECONDS: each costs the cache a
 * key for five minutes, and is given to anyone who asks (a sign-in starts with no username), so an
 * address that asks for more is refused until its window ends. Generous for an office behind one
 * address; an IPv6 address counts as its /64.
 */
export const MAX_CHALLENGES_PER_ADDRESS = 300;
export const CHALLENGE_WINDOW_SECONDS = 15 * 60;

/** The counter of the challenges given to a client address; a `{tag}` of its own, as login counters have. */
export function challengeCounterKey(address: string): string {
  return `passkey-challenges:addr:{${sha256Base64url(addressBucket(address))}}`;
}

/** Registering a new passkey (logged in), or signing in with one. */
export type PasskeyCeremony = 'register' | 'sign-in';

const pendingSchema = z.object({
  ceremony: z.enum(['register', 'sign-in']),
  challenge: z.string().min(1),
  /** Who registers (the session's user when the ceremony began); null for a sign-in. */
  username: z.string().min(1).nullable(),
  /** The user handle a registration is made under; null for a sign-in. */
  userHandle: z.string().min(1).nullable(),
});

/** A challenge sent to a browser, waiting for its answer in the Cache. */
export type PendingChallenge = z.infer<typeof pendingSchema>;

/** A pending challenge read back from the cache; null when missing or not one. */
export function parsePendingChallenge(stored: string | null): PendingChallenge | null {
  if (stored === null) return null;
  const parsed = pendingSchema.safeParse(parseJsonOrUndefined(stored));
  return parsed.success ? parsed.data : null;
}

/**
 * A new browser binding: 256 random bits the browser keeps in a cookie of its own. A challenge is
 * stored under its digest, so that only the browser that asked for it can answer it, and a cache
 * dump holds nothing a browser could present.
 */
export function newBrowserBinding(random: RandomSource): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}

/** The cache key of the challenge of `ceremony` pending for the browser holding `binding`. */
export function passkeyChallengeKey(ceremony: PasskeyCeremony, binding: string): string {
  return `passkey-challenge:${ceremony}:${sha256Base64url(binding)}`;
}

/** A new WebAuthn user handle: 256 random bits, base64url (the spec asks for at most 64 bytes, no personal data). */
export function newUserHandle(random: RandomSource): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}
