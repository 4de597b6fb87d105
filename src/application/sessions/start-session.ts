import type { Cache } from '../../domain/ports/cache.port.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { RandomSource } from '../../domain/ports/random-source.port.js';
import { newCsrfSecret, newSessionId, sessionKey, sessionTtlSeconds, type Session } from '../../domain/sessions/session.js';

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
 * Starts a session under a new id, for a user who just logged in or for a visitor about to be shown
 * a form. The session it replaces, if any, is ended: an id known before a login is worthless after.
 */
export class StartSession {
  constructor(private readonly deps: StartSessionDeps) {}

  async execute(username: string | null, replacing: string | null = null): Promise<StartedSession> {
    const { cache, clock, random } = this.deps;
    if (replacing !== null) await cache.delete(sessionKey(replacing));
    const now = clock.now();
    const id = newSessionId(random);
    const session: Session = { username, csrfSecret: newCsrfSecret(random), createdAt: now, lastSeenAt: now };
    await cache.set(sessionKey(id), JSON.stringify(session), sessionTtlSeconds(session, now));
    return { id, session };
  }
}
