import type { Cache } from '../../domain/ports/cache.port.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import { SESSION_FLOOR_TTL_SECONDS, sessionFloorKey } from '../../domain/sessions/session.js';

export interface EndUserSessionsDeps {
  cache: Cache;
  clock: Clock;
}

/**
 * Ends every session a user has now, on every instance that shares the cache: each is refused at
 * its next request (LoadSession compares its start with this moment). For a new password and a
 * deactivation, so that whoever held the old password, or the account, is out at once.
 */
export class EndUserSessions {
  constructor(private readonly deps: EndUserSessionsDeps) {}

  async execute(username: string): Promise<void> {
    const { cache, clock } = this.deps;
    await cache.set(sessionFloorKey(username), String(clock.now()), SESSION_FLOOR_TTL_SECONDS);
  }
}
