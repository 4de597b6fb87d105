import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import {
  endedByFloor,
  isSessionExpired,
  needsTouch,
  parseSession,
  SESSION_IDLE_SECONDS,
  sessionFloorKey,
  sessionKey,
  sessionTtlSeconds,
  type Session,
} from '../../domain/sessions/session.js';

export interface LoadSessionDeps {
  cache: Cache;
  clock: Clock;
}

/**
 * The live session with this id; null when there is none, when it has idled out or reached its end,
 * or when its user's sessions were ended after its login began (it is then removed). Its last-seen
 * time is written back when it has gone stale, so a busy page costs two reads per request: the
 * session, then its user's floor (which needs the session's username). `idleSeconds` may be shorter
 * than the usual idle end: the admin's pages end a session after ADMIN_SESSION_IDLE.
 */
export class LoadSession {
  constructor(private readonly deps: LoadSessionDeps) {}

  async execute(id: string, idleSeconds: number = SESSION_IDLE_SECONDS): Promise<Session | null> {
    const { cache, clock } = this.deps;
    const key = sessionKey(id);
    const stored = parseSession(await cache.get(key));
    if (!stored) return null;
    const now = clock.now();
    if (
      isSessionExpired(stored, now, Math.min(idleSeconds, SESSION_IDLE_SECONDS)) ||
      endedByFloor(stored.floor, await cache.get(sessionFloorKey(stored.username)))
    ) {
      await cache.delete(key);
      return null;
    }
    if (!needsTouch(stored, now)) return stored;
    const session: Session = { ...stored, lastSeenAt: now };
    // Only if it is still there: a logout (or a new login) that ended it meanwhile must stand.
    return (await cache.replace(key, JSON.stringify(session), sessionTtlSeconds(session, now))) ? session : null;
  }
}
