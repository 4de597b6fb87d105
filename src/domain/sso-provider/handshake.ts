import { z } from 'zod';
import { constantTimeTextEqual } from '../api-auth/hmac.js';
import type { SerializedUser } from '../users/user-serializer.port.js';
import { endedByFloor } from '../sessions/session.js';
import type { User } from '../users/user.js';
import { parseJsonOrUndefined } from '../shared/safe-json.js';
import { ssoErrors } from './sso-provider.errors.js';
import { tokenDigest } from './sso-token.js';

/**
 * The token rules of the SSO handshake, pure; the use cases keep the records in the Cache.
 *
 * 1. A client app's signed call gets a request token of 256 random bits: a *pending request*,
 *    kept under a key that holds both the token's digest and the API key it was issued to, so that
 *    a lookup by any other key misses: no other app can read, bind or burn it.
 * 2. The login page shows only for a live pending request of the key it names.
 * 3. A login binds the user to it once: the pending request is exchanged for a *grant* holding the
 *    serialised user, their session floor as the login read it, and the digest of a fresh auth
 *    token, in one atomic step.
 * 4. The key that asked trades the pair for the user, once, within AUTH_TOKEN_TTL_SECONDS, unless
 *    the user's sessions were ended meanwhile (a new password, a deactivation).
 *
 * Expiry is checked against the clock as well as left to the cache's TTL.
 */

/** Once a user is bound to a request token, the client app has this long to redeem the pair. */
export const AUTH_TOKEN_TTL_SECONDS = 60;

const pendingSchema = z.object({ apiKey: z.string(), expiresAt: z.number() });
const grantSchema = z.object({
  apiKey: z.string(),
  username: z.string().min(1),
  floor: z.string().nullable(),
  user: z.record(z.string(), z.unknown()),
  authDigest: z.string(),
  expiresAt: z.number(),
});

/** A request token waiting for its user to log in. Times are ms since the epoch. */
export type PendingRequest = z.infer<typeof pendingSchema>;
/** A request token a user logged in with, waiting for the client app to redeem it. */
export type Grant = z.infer<typeof grantSchema>;

/** Where the pending request of `requestToken` issued to `apiKey` is kept; both keys share a `{tag}`. */
export function pendingKey(apiKey: string, requestToken: string): string {
  return `sso:{${tokenDigest(requestToken)}}:request:${apiKey}`;
}

/** Where the grant of `requestToken` issued to `apiKey` is kept. */
export function grantKey(apiKey: string, requestToken: string): string {
  return `sso:{${tokenDigest(requestToken)}}:grant:${apiKey}`;
}

export function newPendingRequest(apiKey: string, now: number, ttlSeconds: number): PendingRequest {
  return { apiKey, expiresAt: now + ttlSeconds * 1000 };
}

export function newGrant(
  apiKey: string,
  username: string,
  floor: string | null,
  user: SerializedUser,
  authToken: string,
  now: number,
): Grant {
  return { apiKey, username, floor, user, authDigest: tokenDigest(authToken), expiresAt: now + AUTH_TOKEN_TTL_SECONDS * 1000 };
}

/** The live pending request of `apiKey` stored as `stored`; null when missing, unreadable, expired or another key's. */
export function livePendingRequest(stored: string | null, apiKey: string, now: number): PendingRequest | null {
  const pending = parseRecord(pendingSchema, stored);
  return pending && pending.apiKey === apiKey && pending.expiresAt > now ? pending : null;
}

/** Whole seconds a pending request has left, at least 1. */
export function secondsLeft(pending: PendingRequest, now: number): number {
  return Math.max(1, Math.ceil((pending.expiresAt - now) / 1000));
}

/**
 * The grant a redemption gets (its user still to be checked), or the refusal dj-sso-server would give: a grant that is missing,
 * unreadable, expired or another key's reads as not found; a wrong auth token is an auth token error.
 * `pendingWasLive` says, when there is no grant, whether the token was still waiting for a login.
 */
export function redeemGrant(
  stored: string | null,
  pendingWasLive: boolean,
  apiKey: string,
  authToken: string,
  now: number,
): Grant {
  const grant = parseRecord(grantSchema, stored);
  if (!grant) throw pendingWasLive ? ssoErrors.requestTokenError() : ssoErrors.requestTokenNotFound();
  if (grant.apiKey !== apiKey || grant.expiresAt <= now) throw ssoErrors.requestTokenNotFound();
  if (!constantTimeTextEqual(grant.authDigest, tokenDigest(authToken))) throw ssoErrors.authTokenError();
  return grant;
}

/**
 * The serialised user of a redeemed grant, provided the user may still log in: they exist, are
 * active, and their sessions were not ended since the grant's login began (`currentFloor` is their
 * session floor now). Otherwise the client app is refused the user, as a login would be now.
 */
export function grantedUser(grant: Grant, user: User | null, currentFloor: string | null): SerializedUser {
  if (!user || !user.isActive || endedByFloor(grant.floor, currentFloor)) throw ssoErrors.userUnavailable();
  return grant.user;
}

/** A record read back from the cache, checked against its schema; null for anything else. */
function parseRecord<T>(schema: z.ZodType<T>, stored: string | null): T | null {
  if (stored === null) return null;
  const parsed = schema.safeParse(parseJsonOrUndefined(stored));
  return parsed.success ? parsed.data : null;
}
