import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { newSession, newSessionId, sessionKey, sessionTtlSeconds, type Session } from '../../domain/sessions/session.js';
import {
  SESSION_SLOT_COUNTER_TTL_SECONDS,
  SESSION_SLOT_TTL_SECONDS,
  sessionSlotCounterKey,
  sessionSlotKey,
  shortUserAgent,
} from '../../domain/sessions/session-index.js';

export interface StartSessionDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
}

export interface StartedSession {
  id: string;
  session: Session;
}

/** How a provider login was made, for its session. */
export interface SessionDetails {
  /** The login's methods (RFC 8176); `["pwd"]` when not given. */
  amr?: readonly string[];
  /** Kept beside the session in the user's list of sessions (see session-index.ts), for their account page. */
  listed?: { userAgent: string | undefined };
}

/**
 * Starts a session under a new id for a user who just logged in, under the session floor their login
 * read before it checked them (null for a user who has none, such as an SSO client's). The session it
 * replaces, if any, is ended: an id known before a login is worthless after.
 */
export class StartSession {
  constructor(private readonly deps: StartSessionDeps) {}

  async execute(
    username: string,
    floor: string | null,
    replacing: string | null = null,
    details: SessionDetails = {},
  ): Promise<StartedSession> {
    const { cache, clock, random } = this.deps;
    const now = clock.now();
    const id = newSessionId(random);
    const session = newSession(username, floor, random, now, details.amr);
    await Promise.all([
      replacing === null ? Promise.resolve() : cache.delete(sessionKey(replacing)),
      cache.set(sessionKey(id), JSON.stringify(session), sessionTtlSeconds(session, now)),
      details.listed ? this.list(username, sessionKey(id), details.listed.userAgent) : Promise.resolve(),
    ]);
    return { id, session };
  }

  private async list(username: string, key: string, userAgent: string | undefined): Promise<void> {
    const { cache } = this.deps;
    const [slot] = await cache.increment([sessionSlotCounterKey(username)], SESSION_SLOT_COUNTER_TTL_SECONDS);
    if (!slot) return;
    const entry = JSON.stringify({ sessionKey: key, userAgent: shortUserAgent(userAgent) });
    await cache.set(sessionSlotKey(username, slot.count), entry, SESSION_SLOT_TTL_SECONDS);
  }
}
