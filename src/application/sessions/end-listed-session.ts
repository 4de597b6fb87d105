import type { Cache } from '../../domain/backends/cache.port.js';
import { parseSession } from '../../domain/sessions/session.js';
import { parseSessionSlot, sessionSlotKey } from '../../domain/sessions/session-index.js';

export interface EndListedSessionDeps {
  cache: Cache;
}

/** Ends one of the user's own sessions, named by its slot in their list; another user's is never touched. */
export class EndListedSession {
  constructor(private readonly deps: EndListedSessionDeps) {}

  /** True when a session of this user was there and is ended. */
  async execute(username: string, slot: number): Promise<boolean> {
    const { cache } = this.deps;
    if (!Number.isSafeInteger(slot) || slot < 1) return false;
    const entry = parseSessionSlot(await cache.get(sessionSlotKey(username, slot)));
    if (entry === null) return false;
    const session = parseSession(await cache.get(entry.sessionKey));
    if (session === null || session.username !== username) return false;
    await cache.delete(entry.sessionKey);
    return true;
  }
}
