import type { Cache } from '../../domain/backends/cache.port.js';
import type { SsoUserStore } from '../../domain/sso-client/sso-user-store.port.js';
import { SESSION_ABSOLUTE_SECONDS } from '../../domain/sessions/session.js';
import { parseStoredUser, ssoUserKey, type SsoUser, type SsoUserId } from '../../domain/sso-client/sso-user.js';
import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';

export interface CacheSsoUserStoreDeps {
  cache: Cache;
}

/**
 * A user is kept as long as the longest session a login can start, and a minute more: saved at each
 * login, it outlives every session that names it.
 */
export const CACHED_USER_TTL_SECONDS = SESSION_ABSOLUTE_SECONDS + 60;

/**
 * An SSO app's users in the Cache port (dj-sso-client's cache storage, SSO_USER_STORAGE=cache): in
 * memory or in Redis, as the cache is. A user not seen at a login for CACHED_USER_TTL_SECONDS is
 * forgotten, which no live session can notice. Read back through the user's schema.
 */
export class CacheSsoUserStore implements SsoUserStore {
  private readonly cache: Cache;

  constructor(deps: CacheSsoUserStoreDeps) {
    this.cache = deps.cache;
  }

  async save(user: SsoUser): Promise<void> {
    await this.cache.set(keyOf(user.id), JSON.stringify(user), CACHED_USER_TTL_SECONDS);
  }

  async findById(id: SsoUserId): Promise<SsoUser | null> {
    const stored = await this.cache.get(keyOf(id));
    if (stored === null) return null;
    try {
      return parseStoredUser(parseJsonOrUndefined(stored));
    } catch {
      return null;
    }
  }

  async remove(id: SsoUserId): Promise<void> {
    await this.cache.delete(keyOf(id));
  }

  async ping(): Promise<void> {
    await this.cache.ping();
  }
}

function keyOf(id: SsoUserId): string {
  return `sso-user:${ssoUserKey(id)}`;
}
