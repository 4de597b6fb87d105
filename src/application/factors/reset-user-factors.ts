import type { Actor } from '../../domain/admin/actor.js';
import { adminErrors } from '../../domain/admin/admin.errors.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { RecordAdminChange } from '../admin/record-admin-change.js';
import type { EndUserSessions } from '../sessions/end-user-sessions.js';

export interface ResetUserFactorsDeps {
  factorStore: FactorStore;
  passkeyStore: PasskeyStore;
  userDirectory: UserDirectory;
  endUserSessions: EndUserSessions;
  recordAdminChange: RecordAdminChange;
}

/**
 * For a user who lost their second factors: removes every factor, passkey and recovery code, ends every
 * session they have (whoever held the lost phone is out too), and records it in the audit log. The
 * caller checks that the actor is a superuser.
 */
export class ResetUserFactors {
  constructor(private readonly deps: ResetUserFactorsDeps) {}

  async execute(actor: Actor, username: string): Promise<number> {
    const { factorStore, passkeyStore, userDirectory, endUserSessions, recordAdminChange } = this.deps;
    if (!(await userDirectory.findByUsername(username))) throw adminErrors.userNotFound(username);
    const removed = await factorStore.removeAll(username);
    const passkeysRemoved = await passkeyStore.removeAllFor(username);
    await endUserSessions.execute(username);
    await recordAdminChange.execute(actor, {
      action: 'user.reset-factors',
      target: username,
      details: { factorsRemoved: removed, passkeysRemoved },
    });
    return removed;
  }
}
