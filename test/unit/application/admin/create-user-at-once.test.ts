import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryUserDirectory } from '../../../../src/adapters/memory/memory-user-directory.js';
import { CreateUser } from '../../../../src/application/admin/create-user.js';
import type { PasswordHasher } from '../../../../src/domain/users/password-hasher.port.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { aUser } from '../../../support/user-mother.js';

/** Hashes after a pause that differs from call to call, as scrypt under load: creates overlap. */
const slowHasher: PasswordHasher = {
  hash: async (password) => {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 10)));
    return `plain:${password}`;
  },
  verify: async (password, encoded) => encoded === `plain:${password}`,
  needsRehash: () => false,
};

function creating() {
  const clock = new FixedClock();
  const users = new MemoryUserDirectory();
  const createUser = new CreateUser({
    userDirectory: users,
    passwordHasher: slowHasher,
    cache: new MemoryCache({ clock }),
    clock,
    config: { admin: { userFilter: {} } },
  });
  return { users, createUser };
}

describe('users created at once', () => {
  it('of 100 different users created at once, each gets an id of its own, above those there were', async () => {
    const { users, createUser } = creating();
    await users.save(aUser({ username: 'first', attributes: { id: 7 } }));
    await Promise.all(
      Array.from({ length: 100 }, (_, index) => createUser.execute({ username: `user-${index}`, password: 'x' })),
    );
    const ids = (await users.list()).map((user) => user.attributes.id);
    expect(ids).toHaveLength(101);
    expect(new Set(ids).size).toBe(101);
    expect(Math.min(...ids.filter((id) => typeof id === 'number'))).toBe(7);
  });

  it('of 50 creates of one username at once, one makes the user and the others are told it exists', async () => {
    const { users, createUser } = creating();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) => createUser.execute({ username: 'alice', password: `password-${index}` })),
    );
    const made = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(made).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'admin.user_exists' });
    }
    expect(await users.list()).toHaveLength(1);
  });

  it('a username created and then created again is refused, and the first keeps its password', async () => {
    const { users, createUser } = creating();
    await createUser.execute({ username: 'alice', password: 'first' });
    await expect(createUser.execute({ username: 'alice', password: 'second' })).rejects.toMatchObject({
      code: 'admin.user_exists',
    });
    expect((await users.findByUsername('alice'))?.passwordHash).toBe('plain:first');
  });
});
