import type { SsoUserStore } from '../../domain/sso-client/sso-user-store.port.js';
import { ssoUserKey, type SsoUser, type SsoUserId } from '../../domain/sso-client/sso-user.js';

/**
 * An SSO app's users in process memory, lost on restart: for tests, demos and a single instance.
 * Each user is kept as a deeply frozen copy, so neither the saved object nor a returned one can
 * change it.
 */
export class MemorySsoUserStore implements SsoUserStore {
  private readonly users = new Map<string, SsoUser>();

  async save(user: SsoUser): Promise<void> {
    this.users.set(ssoUserKey(user.id), deepFreeze(structuredClone(user)));
  }

  async findById(id: SsoUserId): Promise<SsoUser | null> {
    return this.users.get(ssoUserKey(id)) ?? null;
  }

  async remove(id: SsoUserId): Promise<void> {
    this.users.delete(ssoUserKey(id));
  }

  async ping(): Promise<void> {}
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
