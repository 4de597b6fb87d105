import { z } from 'zod';
import type { RandomSource } from '../ports/random-source.port.js';
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

export function newSession(username: string, random: RandomSource, now: number): Session {
  return { username, csrfSecret: newCsrfSecret(random), createdAt: now, lastSeenAt: now };
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
 * The cache key of a user's session floor: the time before which every session of theirs has
 * ended (a new password, a deactivation). Kept as long as any session can live.
 */
export function sessionFloorKey(username: string): string {
  return `session-floor:${sha256Base64url(username)}`;
}

/** How long a session floor must be kept: no session begun before it can outlive this. */
export const SESSION_FLOOR_TTL_SECONDS = SESSION_ABSOLUTE_SECONDS;

/** True when the session began before its user's session floor (a stored time in ms), and so has ended. */
export function isBelowFloor(session: Session, storedFloor: string | null): boolean {
  if (storedFloor === null) return false;
  const floor = Number(storedFloor);
  return Number.isFinite(floor) && session.createdAt < floor;
}
