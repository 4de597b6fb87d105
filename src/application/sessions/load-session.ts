import type { Cache } from '../../domain/ports/cache.port.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import { isSessionExpired, sessionKey, sessionTtlSeconds, type Session } from '../../domain/sessions/session.js';

export interface LoadSessionDeps {
  cache: Cache;
  clock: Clock;
}

/**
 * The live session with this id, marked as seen now; null when there is none or it has idled out
 * or reached its end (it is then removed).
 */
export class LoadSession {
  constructor(private readonly deps: LoadSessionDeps) {}

  async execute(id: string): Promise<Session | null> {
    const { cache, clock } = this.deps;
    const key = sessionKey(id);
    const stored = parse(await cache.get(key));
    if (!stored) return null;
    const now = clock.now();
    if (isSessionExpired(stored, now)) {
      await cache.delete(key);
      return null;
    }
    const session: Session = { ...stored, lastSeenAt: now };
    await cache.set(key, JSON.stringify(session), sessionTtlSeconds(session, now));
    return session;
  }
}

function parse(stored: string | null): Session | null {
  if (stored === null) return null;
  try {
    const value = JSON.parse(stored) as Session;
    return typeof value.csrfSecret === 'string' && typeof value.createdAt === 'number' ? value : null;
  } catch {
    return null;
  }
}
