import { z } from 'zod';
import type { RandomSource } from '../shared/random-source.port.js';
import { sha256Base64url } from '../shared/digest.js';
import { parseJsonOrUndefined } from '../shared/safe-json.js';

/** A session ends after this long without a request. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** A session ends this long after it began, however busy. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/**
 * A session's last-seen time is written back at most this often: a busy page then costs one cache
 * read per request rather than a read and a write, and the idle end moves by at most this much.
 */
export const SESSION_TOUCH_RESOLUTION_SECONDS = 60;

const sessionSchema = z.object({
  username: z.string().min(1),
  csrfSecret: z.string().min(1),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  /**
   * The user's session floor when the login began (see `sessionFloorKey`); null when they had none,
   * and for a session stored before sessions kept it.
   */
  floor: z.string().nullable().default(null),
  /**
   * How the login that began it was made (RFC 8176 methods: `pwd`, then `otp` for a one-time or
   * recovery code); `["pwd"]` for a session stored before sessions kept it.
   */
  amr: z.array(z.string()).default(['pwd']),
});

/**
 * A browser's logged-in session with the provider. Times are ms since the epoch. Visitors who have
 * not logged in have none: they cost no server-side state.
 */
export type Session = z.infer<typeof sessionSchema>;

/** A new session id: 256 random bits, base64url. */
export function newSessionId(random: RandomSource): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}

/** A new CSRF secret: 144 random bits, base64url (what the `csrf` token scheme expects). */
export function newCsrfSecret(random: RandomSource): string {
  return Buffer.from(random.bytes(18)).toString('base64url');
}

/** A session for `username`, whose login began while their session floor was `floor`. */
export function newSession(
  username: string,
  floor: string | null,
  random: RandomSource,
  now: number,
  amr: readonly string[] = ['pwd'],
): Session {
  return { username, csrfSecret: newCsrfSecret(random), createdAt: now, lastSeenAt: now, floor, amr: [...amr] };
}

/** A session read back from the cache; null when missing or not one. */
export function parseSession(stored: string | null): Session | null {
  if (stored === null) return null;
  const parsed = sessionSchema.safeParse(parseJsonOrUndefined(stored));
  return parsed.success ? parsed.data : null;
}

export function isSessionExpired(session: Session, now: number, idleSeconds = SESSION_IDLE_SECONDS): boolean {
  return now - session.lastSeenAt >= idleSeconds * 1000 || now - session.createdAt >= SESSION_ABSOLUTE_SECONDS * 1000;
}

/** True when a session seen at `now` should have its last-seen time written back. */
export function needsTouch(session: Session, now: number): boolean {
  return now - session.lastSeenAt >= SESSION_TOUCH_RESOLUTION_SECONDS * 1000;
}

/** Whole seconds a session seen at `now` may be kept: until it idles out or reaches its end. */
export function sessionTtlSeconds(session: Session, now: number, idleSeconds = SESSION_IDLE_SECONDS): number {
  const absoluteLeft = session.createdAt + SESSION_ABSOLUTE_SECONDS * 1000 - now;
  return Math.max(1, Math.ceil(Math.min(idleSeconds * 1000, absoluteLeft) / 1000));
}

/** The cache key of a session: the id's digest, so that a cache dump holds no usable id. */
export function sessionKey(id: string): string {
  return `session:${sha256Base64url(id)}`;
}

/**
 * The cache key of a user's session floor: a random mark, set anew each time every session of theirs
 * is ended (a new password, a deactivation). A login reads it before it reads the user, and its
 * session keeps what it read; a session that read another mark than the one there now has ended.
 * Marks rather than times: a login that checked the old password just before the change, and wrote
 * its session just after (in the same millisecond or not, on whichever instance), read the mark from
 * before the change; a login that read the new mark also read the new password. Kept as long as any
 * session can live.
 */
export function sessionFloorKey(username: string): string {
  return `session-floor:${sha256Base64url(username)}`;
}

/**
 * How long a session floor must be kept: no session whose login read the mark before it can outlive
 * this. Such a session may be written a little after the floor was set (its login was still
 * checking the password), so the floor is kept an hour longer than a session lives: far longer than
 * any login takes, or than the instances' clocks differ.
 */
export const SESSION_FLOOR_TTL_SECONDS = SESSION_ABSOLUTE_SECONDS + 60 * 60;

/** A new session floor mark: 128 random bits, base64url. */
export function newSessionFloor(random: RandomSource): string {
  return Buffer.from(random.bytes(16)).toString('base64url');
}

/**
 * True when what began under the session floor `seen` (a session, an SSO grant) has ended since: the
 * user's floor is now another mark. No floor now means none was set since anything still alive began
 * (a floor outlives every session begun before it).
 */
export function endedByFloor(seen: string | null, current: string | null): boolean {
  return current !== null && current !== seen;
}
