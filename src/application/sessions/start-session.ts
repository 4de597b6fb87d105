import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { newSession, newSessionId, sessionKey, sessionTtlSeconds, type Session } from '../../domain/sessions/session.js';

export interface StartSessionDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
}

export interface StartedSession {
  id: string;
  session: Session;
}

/**
 * Starts a session under a new id for a user who just logged in, under the session floor their login
 * read before it checked them (null for a user who has none, such as an SSO client's). The session it
 * replaces, if any, is ended: an id known before a login is worthless after.
 */
export class StartSession {
  constructor(private readonly deps: StartSessionDeps) {}

  async execute(username: string, floor: string | null, replacing: string | null = null): Promise<StartedSession> {
    const { cache, clock, random } = this.deps;
    const now = clock.now();
    const id = newSessionId(random);
    const session = newSession(username, floor, random, now);
    await Promise.all([
      replacing === null ? Promise.resolve() : cache.delete(sessionKey(replacing)),
      cache.set(sessionKey(id), JSON.stringify(session), sessionTtlSeconds(session, now)),
    ]);
    return { id, session };
  }
}
