import type { Cache } from '../../domain/backends/cache.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { newSessionFloor, SESSION_FLOOR_TTL_SECONDS, sessionFloorKey } from '../../domain/sessions/session.js';

export interface EndUserSessionsDeps {
  cache: Cache;
  random: RandomSource;
}

/**
 * Ends every session a user has now, on every instance that shares the cache: each is refused at
 * its next request (LoadSession finds a new session floor), and so is every SSO grant not yet redeemed.
 * For a new password and a deactivation, so that whoever held the old password, or the account, is
 * out at once. Call it after the change is saved: a login that reads the new floor then reads the
 * changed user.
 */
export class EndUserSessions {
  constructor(private readonly deps: EndUserSessionsDeps) {}

  /** Resolves the user's new session floor: a session begun under it now outlives this end. */
  async execute(username: string): Promise<string> {
    const { cache, random } = this.deps;
    const floor = newSessionFloor(random);
    await cache.set(sessionFloorKey(username), floor, SESSION_FLOOR_TTL_SECONDS);
    return floor;
  }
}
