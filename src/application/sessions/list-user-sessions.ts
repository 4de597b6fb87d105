import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { endedByFloor, isSessionExpired, parseSession, sessionFloorKey } from '../../domain/sessions/session.js';
import {
  parseSessionSlot,
  SESSION_SLOTS_SHOWN,
  sessionSlotCounterKey,
  sessionSlotKey,
} from '../../domain/sessions/session-index.js';

export interface ListUserSessionsDeps {
  cache: Cache;
  clock: Clock;
}

/** One live session of a user, as their account page lists it. Times are ms since the epoch. */
export interface ListedSession {
  /** Its place in the user's list: what "log out" on one session names. */
  slot: number;
  /** The session's cache key (a digest of its id, never the id). */
  sessionKey: string;
  userAgent: string;
  createdAt: number;
  lastSeenAt: number;
  amr: readonly string[];
}

/** The user's live sessions, newest first (see session-index.ts): the latest SESSION_SLOTS_SHOWN logins at most. */
export class ListUserSessions {
  constructor(private readonly deps: ListUserSessionsDeps) {}

  async execute(username: string): Promise<ListedSession[]> {
    const { cache, clock } = this.deps;
    const [counter, floor] = await Promise.all([
      cache.get(sessionSlotCounterKey(username)),
      cache.get(sessionFloorKey(username)),
    ]);
    const last = Number(counter ?? 0);
    if (!Number.isSafeInteger(last) || last < 1) return [];
    const slots = Array.from({ length: Math.min(last, SESSION_SLOTS_SHOWN) }, (_, index) => last - index);
    const now = clock.now();
    const found = await Promise.all(
      slots.map(async (slot): Promise<ListedSession | null> => {
        const entry = parseSessionSlot(await cache.get(sessionSlotKey(username, slot)));
        if (entry === null) return null;
        const session = parseSession(await cache.get(entry.sessionKey));
        if (session === null || session.username !== username) return null;
        if (isSessionExpired(session, now) || endedByFloor(session.floor, floor)) return null;
        const { createdAt, lastSeenAt, amr } = session;
        return { slot, sessionKey: entry.sessionKey, userAgent: entry.userAgent, createdAt, lastSeenAt, amr };
      }),
    );
    return found.filter((session): session is ListedSession => session !== null);
  }
}
