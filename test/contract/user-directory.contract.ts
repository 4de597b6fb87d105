import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserDirectory } from '../../src/domain/users/user-directory.port.js';
import type { User } from '../../src/domain/users/user.js';
import { aUser } from '../support/user-mother.js';
import { attempt, type Mutable } from './mutation-attempt.js';
import { userPagesContract } from './user-directory-pages.contract.js';

/** What a backend's test file hands the suite: a fresh, empty directory. */
export interface UserDirectoryHarness {
  directory: UserDirectory;
  close(): Promise<void>;
}

/** The behaviour every UserDirectory adapter must show; each test gets its own harness. */
export function userDirectoryContract(name: string, makeHarness: () => Promise<UserDirectoryHarness>): void {
  describe(`${name} honours the UserDirectory contract`, () => {
    let harness: UserDirectoryHarness;
    let directory: UserDirectory;

    beforeEach(async () => {
      harness = await makeHarness();
      directory = harness.directory;
    });

    afterEach(async () => {
      await harness.close();
    });

    userPagesContract(() => directory);

    it('a username that was never saved is not found', async () => {
      expect(await directory.findByUsername('nobody')).toBeNull();
    });

    it('a saved user comes back with every field exactly as saved, attributes included', async () => {
      const user = aUser({ isStaff: true, lastLogin: Date.UTC(2026, 1, 2, 3, 4, 5) });
      await directory.save(user);
      expect(await directory.findByUsername(user.username)).toStrictEqual(user);
    });

    it('a user who never logged in and has no attributes comes back as saved', async () => {
      const user = aUser({ isActive: false, attributes: {} });
      await directory.save(user);
      expect(await directory.findByUsername(user.username)).toStrictEqual(user);
    });

    it('saving a user whose username is known replaces it', async () => {
      await directory.save(aUser());
      const replacement = aUser({ email: 'alice@new.example.com', isStaff: true, attributes: { department: 'Sales' } });
      await directory.save(replacement);
      expect(await directory.findByUsername('alice')).toStrictEqual(replacement);
      expect(await directory.list()).toHaveLength(1);
    });

    it('users are listed sorted by username', async () => {
      for (const username of ['carol', 'alice', 'dave', 'bob']) await directory.save(aUser({ username }));
      expect((await directory.list()).map((user) => user.username)).toEqual(['alice', 'bob', 'carol', 'dave']);
    });

    it('listing an empty directory gives an empty list', async () => {
      expect(await directory.list()).toEqual([]);
    });

    it('recording a login sets the last login and nothing else', async () => {
      const user = aUser();
      await directory.save(user);
      const at = user.dateJoined + 86_400_000;
      await directory.recordLogin(user.username, at);
      expect(await directory.findByUsername(user.username)).toStrictEqual({ ...user, lastLogin: at });
    });

    it('recording a login of an unknown user is ignored', async () => {
      await expect(directory.recordLogin('nobody', 1_000)).resolves.toBeUndefined();
      expect(await directory.list()).toEqual([]);
    });

    it('usernames differing only in letter case are different users', async () => {
      await directory.save(aUser({ username: 'alice', email: 'lower@example.com' }));
      expect(await directory.findByUsername('Alice')).toBeNull();
      await directory.save(aUser({ username: 'Alice', email: 'upper@example.com' }));
      expect((await directory.findByUsername('alice'))?.email).toBe('lower@example.com');
      expect((await directory.findByUsername('Alice'))?.email).toBe('upper@example.com');
    });

    it('changing the saved object afterwards does not change the stored user', async () => {
      const groups = ['readers'];
      const saved: Mutable<User> = aUser({ attributes: { groups, address: { city: 'Oxford' } } });
      await directory.save(saved);
      groups.push('admins');
      (saved.attributes.address as { city: string }).city = 'Elsewhere';
      saved.isStaff = true;
      expect(await directory.findByUsername('alice')).toStrictEqual(
        aUser({ attributes: { groups: ['readers'], address: { city: 'Oxford' } } }),
      );
    });

    it('changing a returned user does not change the stored one', async () => {
      const user = aUser();
      await directory.save(user);
      const found = (await directory.findByUsername('alice')) as Mutable<User>;
      attempt(() => {
        found.email = 'changed@example.com';
      });
      attempt(() => {
        (found.attributes.groups as string[]).push('admins');
      });
      attempt(() => {
        (found.attributes.address as { city: string }).city = 'Elsewhere';
      });
      const listed = (await directory.list())[0] as Mutable<User>;
      attempt(() => {
        (listed.attributes as Record<string, unknown>).injected = true;
      });
      expect(await directory.findByUsername('alice')).toStrictEqual(user);
    });

    it('an update sets the fields given and keeps every other as stored', async () => {
      const user = aUser({ isStaff: false, isActive: true, lastLogin: 5_000, attributes: { team: 'blue' } });
      await directory.save(user);
      const changed = await directory.update('alice', { passwordHash: 'other-hash', isStaff: true });
      const expected = { ...user, passwordHash: 'other-hash', isStaff: true };
      expect(changed).toStrictEqual(expected);
      expect(await directory.findByUsername('alice')).toStrictEqual(expected);
    });

    it('an update leaves a field given as undefined as stored', async () => {
      const user = aUser({ isStaff: true, isActive: true });
      await directory.save(user);
      expect(await directory.update('alice', { isStaff: undefined, isActive: false })).toStrictEqual({
        ...user,
        isActive: false,
      });
    });

    it('an update of an unknown username changes nothing and creates nobody', async () => {
      expect(await directory.update('nobody', { isActive: false })).toBeNull();
      expect(await directory.list()).toEqual([]);
    });

    it('an update bound to a password hash happens only while the stored hash is that one', async () => {
      const user = aUser({ passwordHash: 'first' });
      await directory.save(user);
      expect(await directory.update('alice', { passwordHash: 'second' }, 'not-the-hash')).toBeNull();
      expect(await directory.findByUsername('alice')).toStrictEqual(user);
      expect(await directory.update('alice', { passwordHash: 'second' }, 'first')).toStrictEqual({
        ...user,
        passwordHash: 'second',
      });
    });

    it('updates made at once to different fields all stand', async () => {
      await directory.save(aUser({ passwordHash: 'first', isStaff: false, isActive: true }));
      await Promise.all([
        directory.update('alice', { passwordHash: 'second' }),
        directory.update('alice', { isActive: false }),
        directory.update('alice', { isStaff: true }),
      ]);
      expect(await directory.findByUsername('alice')).toMatchObject({ passwordHash: 'second', isActive: false, isStaff: true });
    });

    it('of 100 re-hashes bound to one hash at once, one is applied', async () => {
      await directory.save(aUser({ passwordHash: 'first' }));
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, index) => directory.update('alice', { passwordHash: `re-hash-${index}` }, 'first')),
      );
      expect(results.filter((result) => result !== null)).toHaveLength(1);
    });

    it('a ping resolves while the backend answers', async () => {
      await expect(directory.ping()).resolves.toBeUndefined();
    });
  });
}
