import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SsoUserStore } from '../../src/domain/sso-client/sso-user-store.port.js';
import type { SsoUser } from '../../src/domain/sso-client/sso-user.js';
import { attempt } from './mutation-attempt.js';

/** What a backend's test file hands the suite: a fresh, empty store. */
export interface SsoUserStoreHarness {
  store: SsoUserStore;
  close(): Promise<void>;
}

/** A user as Signet's default serializer sends it, with an attribute of an installation's own. */
function aProviderUser(overrides: Partial<SsoUser> = {}): SsoUser {
  return {
    id: 2,
    username: 'user1',
    email: 'user1@example.com',
    first_name: 'Una',
    last_name: 'One',
    is_staff: false,
    is_superuser: false,
    is_active: true,
    groups: ['readers'],
    date_joined: '2026-11-28T12:00:00.000Z',
    last_login: null,
    address: { city: 'Oxford', lines: ['1 High Street'] },
    ...overrides,
  };
}

/** The behaviour every SsoUserStore adapter must show; each test gets its own harness. */
export function ssoUserStoreContract(name: string, makeHarness: () => Promise<SsoUserStoreHarness>): void {
  describe(`${name} honours the SsoUserStore contract`, () => {
    let harness: SsoUserStoreHarness;
    let store: SsoUserStore;

    beforeEach(async () => {
      harness = await makeHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.close();
    });

    it('an id that was never saved is not found', async () => {
      expect(await store.findById(2)).toBeNull();
      expect(await store.findById('nobody')).toBeNull();
    });

    it('a saved user comes back exactly as the provider sent it, every attribute included', async () => {
      const user = aProviderUser({ last_login: '2026-11-28T12:30:00.000Z', department: 'Sales', score: 1.5 });
      await store.save(user);
      expect(await store.findById(2)).toStrictEqual(user);
    });

    it('finds a user by its id as text too: the number 2 and the text "2" are the same user', async () => {
      await store.save(aProviderUser());
      expect(await store.findById('2')).toStrictEqual(aProviderUser());
      await store.save(aProviderUser({ id: 'alice', username: 'alice' }));
      expect(await store.findById('alice')).toMatchObject({ id: 'alice', username: 'alice' });
    });

    it('saving a user whose id is known replaces it, attributes it no longer has included', async () => {
      await store.save(aProviderUser({ department: 'Sales' }));
      const { address: _dropped, ...withoutAddress } = aProviderUser({ email: 'una@new.example.com' });
      await store.save(withoutAddress);
      expect(await store.findById(2)).toStrictEqual(withoutAddress);
    });

    it('keeps attribute names a database could misread: operators, dots, and a reserved id', async () => {
      const user = aProviderUser({ $set: { is_staff: true }, 'a.b': 'dotted', _id: 'not mine', 'ünïcode 😀': '✓' });
      await store.save(user);
      expect(await store.findById(2)).toStrictEqual(user);
    });

    it('removing a user forgets it and leaves the others', async () => {
      await store.save(aProviderUser());
      await store.save(aProviderUser({ id: 3, username: 'user2' }));
      await store.remove(2);
      expect(await store.findById(2)).toBeNull();
      expect(await store.findById(3)).toMatchObject({ username: 'user2' });
    });

    it('removing an unknown id is not an error', async () => {
      await expect(store.remove('nobody')).resolves.toBeUndefined();
    });

    it('changing the saved object afterwards does not change the stored user', async () => {
      const groups = ['readers'];
      const saved = aProviderUser({ groups });
      await store.save(saved);
      groups.push('admins');
      (saved.address as { city: string }).city = 'Elsewhere';
      expect(await store.findById(2)).toStrictEqual(aProviderUser());
    });

    it('changing a returned user does not change the stored one', async () => {
      await store.save(aProviderUser());
      const found = (await store.findById(2))!;
      attempt(() => {
        found.email = 'changed@example.com';
      });
      attempt(() => {
        found.groups?.push('admins');
      });
      attempt(() => {
        (found.address as { city: string }).city = 'Elsewhere';
      });
      expect(await store.findById(2)).toStrictEqual(aProviderUser());
    });

    it('a ping resolves while the backend answers', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
