import { z } from 'zod';
import { endedByFloor } from '../sessions/session.js';
import { sha256Base64url } from '../shared/digest.js';
import { parseJsonOrUndefined } from '../shared/safe-json.js';
import type { User } from '../users/user.js';

/**
 * What an OpenID grant remembers of the login behind it: the user's session floor then (see
 * `sessionFloorKey`), and a digest of their password hash then. A grant outlives a session floor
 * (refresh tokens live for days, a floor for hours), so the digest keeps a new password refusing the
 * grant once the floor has expired.
 */
const markSchema = z.object({ floor: z.string().nullable(), passwordDigest: z.string().min(1) });
export type OidcLoginMark = z.infer<typeof markSchema>;

/** The cache key under which the username of an OpenID subject (`sub`) is kept. */
export function subjectKey(sub: string): string {
  return `oidc-subject:${sha256Base64url(sub)}`;
}

/** The cache key of a grant's login mark. */
export function loginMarkKey(grantId: string): string {
  return `oidc-login:${sha256Base64url(grantId)}`;
}

export function loginMarkFor(user: User, floor: string | null): OidcLoginMark {
  return { floor, passwordDigest: passwordDigest(user) };
}

export function parseLoginMark(stored: string | null): OidcLoginMark | null {
  if (stored === null) return null;
  const parsed = markSchema.safeParse(parseJsonOrUndefined(stored));
  return parsed.success ? parsed.data : null;
}

/**
 * True while a grant whose login left `mark` may still give tokens to `user`, whose session floor
 * is `currentFloor` now: the user is active, none of their sessions was ended since, and their
 * password is the one they logged in with. A grant without a mark gives nothing.
 */
export function loginStillStands(mark: OidcLoginMark | null, user: User | null, currentFloor: string | null): boolean {
  if (mark === null || user === null || !user.isActive) return false;
  return !endedByFloor(mark.floor, currentFloor) && mark.passwordDigest === passwordDigest(user);
}

function passwordDigest(user: User): string {
  return sha256Base64url(`oidc-login\0${user.passwordHash}`);
}
