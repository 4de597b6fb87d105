import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryUserDirectory } from '../../../../src/adapters/memory/memory-user-directory.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { SetUserFlags } from '../../../../src/application/admin/set-user-flags.js';
import { SetUserPassword } from '../../../../src/application/admin/set-user-password.js';
import { EndUserSessions } from '../../../../src/application/sessions/end-user-sessions.js';
import type { PasswordHasher } from '../../../../src/domain/users/password-hasher.port.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { aUser } from '../../../support/user-mother.js';

/** Hashes slowly, as scrypt does: the password change is still hashing when the flags are saved. */
const slowHasher: PasswordHasher = {
  hash: async (password) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return `plain:${password}`;
  },
  verify: async (password, encoded) => encoded === `plain:${password}`,
  needsRehash: () => false,
};

describe('a new password and a change of flags made at once', () => {
  it('both stand: the deactivation is not undone by the password, nor the password by the flags', async () => {
    const users = new MemoryUserDirectory();
    await users.save(aUser({ username: 'alice', passwordHash: 'plain:old', isActive: true, isStaff: false }));
    const clock = new FixedClock();
    const endUserSessions = new EndUserSessions({ cache: new MemoryCache({ clock }), random: new CryptoRandomSource() });
    const config = { admin: { userFilter: {} } };
    const setPassword = new SetUserPassword({ userDirectory: users, passwordHasher: slowHasher, endUserSessions, config });
    const setFlags = new SetUserFlags({ userDirectory: users, endUserSessions, config });

    await Promise.all([
      setPassword.execute('alice', 'new'),
      setFlags.execute({ username: 'alice', isActive: false }, 'admin'),
      setFlags.execute({ username: 'alice', isStaff: true }, 'admin'),
    ]);

    expect(await users.findByUsername('alice')).toMatchObject({ passwordHash: 'plain:new', isActive: false, isStaff: true });
  });
});
