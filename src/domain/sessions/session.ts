import { createHash } from 'node:crypto';
import type { RandomSource } from '../ports/random-source.port.js';

/** A session ends after this long without a request. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** A session ends this long after it began, however busy. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** A browser's session with the provider. Times are ms since the epoch. */
export interface Session {
  /** Who logged in; null for a visitor who has only been shown a form. */
  readonly username: string | null;
  /** The secret the session's CSRF tokens are made from; never sent to the browser as is. */
  readonly csrfSecret: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

/** A new session id: 256 random bits, base64url. */
export function newSessionId(random: RandomSource): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}

/** A new CSRF secret: 144 random bits, base64url (what the `csrf` token scheme expects). */
export function newCsrfSecret(random: RandomSource): string {
  return Buffer.from(random.bytes(18)).toString('base64url');
}

export function isSessionExpired(session: Session, now: number): boolean {
  return now - session.lastSeenAt >= SESSION_IDLE_SECONDS * 1000 || now - session.createdAt >= SESSION_ABSOLUTE_SECONDS * 1000;
}

/** Whole seconds a session seen at `now` may be kept: until it idles out or reaches its end. */
export function sessionTtlSeconds(session: Session, now: number): number {
  const absoluteLeft = session.createdAt + SESSION_ABSOLUTE_SECONDS * 1000 - now;
  return Math.max(1, Math.ceil(Math.min(SESSION_IDLE_SECONDS * 1000, absoluteLeft) / 1000));
}

/** The cache key of a session: the id's digest, so that a cache dump holds no usable id. */
export function sessionKey(id: string): string {
  return `session:${createHash('sha256').update(id, 'utf8').digest('base64url')}`;
}
