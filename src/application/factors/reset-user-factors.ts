import { adminErrors } from '../../domain/admin/admin.errors.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { EndUserSessions } from '../sessions/end-user-sessions.js';

export interface ResetUserFactorsDeps {
  factorStore: FactorStore;
  passkeyStore: PasskeyStore;
  userDirectory: UserDirectory;
  endUserSessions: EndUserSessions;
}

/** What a reset removed. */
export interface FactorsReset {
  username: string;
  factorsRemoved: number;
  passkeysRemoved: number;
}

/**
 * For a user who lost their second factors: removes every factor, passkey and recovery code, and ends
 * every session they have (whoever held the lost phone is out too). The admin operation
 * `resetUserFactors` checks that the actor is a superuser and records it in the audit log.
 */
export class ResetUserFactors {
  constructor(private readonly deps: ResetUserFactorsDeps) {}

  async execute(username: string): Promise<FactorsReset> {
    const { factorStore, passkeyStore, userDirectory, endUserSessions } = this.deps;
    if (!(await userDirectory.findByUsername(username))) throw adminErrors.userNotFound(username);
    const factorsRemoved = await factorStore.removeAll(username);
    const passkeysRemoved = await passkeyStore.removeAllFor(username);
    await endUserSessions.execute(username);
    return { username, factorsRemoved, passkeysRemoved };
  }
}
