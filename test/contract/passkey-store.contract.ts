import { afterEach, describe, expect, it } from 'vitest';
import type { Passkey } from '../../src/domain/passkeys/passkey.js';
import type { PasskeyStore } from '../../src/domain/passkeys/passkey-store.port.js';

export interface PasskeyStoreHarness {
  store: PasskeyStore;
  close(): Promise<void>;
}

export function aPasskey(overrides: Partial<Passkey> = {}): Passkey {
  return {
    id: 'credential-1',
    username: 'alice',
    userHandle: 'handle-of-alice',
    publicKey: 'pQECAyYgASFYIK1cose-public-key',
    counter: 0,
    transports: ['internal', 'hybrid'],
    name: 'Laptop',
    createdAt: 1_764_000_000_000,
    lastUsedAt: null,
    ...overrides,
  };
}

/** The passkey store, as every store adapter must keep it. */
export function passkeyStoreContract(name: string, makeHarness: () => Promise<PasskeyStoreHarness>): void {
  describe(`passkeys in ${name}`, () => {
    let harness: PasskeyStoreHarness | undefined;
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });
    async function open(): Promise<PasskeyStore> {
      harness = await makeHarness();
      return harness.store;
    }

    it('gives back an added passkey as it was, and null for an unknown id', async () => {
      const store = await open();
      expect(await store.add(aPasskey())).toBe(true);
      expect(await store.find('credential-1')).toEqual(aPasskey());
      expect(await store.find('credential-2')).toBeNull();
    });

    it('refuses a second passkey with the same credential id, whoever adds it, and keeps the first', async () => {
      const store = await open();
      await store.add(aPasskey());
      expect(await store.add(aPasskey({ username: 'mallory', name: 'Stolen' }))).toBe(false);
      expect(await store.find('credential-1')).toEqual(aPasskey());
    });

    it('adds only one of two concurrent additions of the same credential id', async () => {
      const store = await open();
      const results = await Promise.all([store.add(aPasskey({ name: 'A' })), store.add(aPasskey({ name: 'B' }))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.listFor('alice')).toHaveLength(1);
    });

    it("lists a user's passkeys oldest first, and no one else's", async () => {
      const store = await open();
      await store.add(aPasskey({ id: 'c', createdAt: 3 }));
      await store.add(aPasskey({ id: 'a', createdAt: 1 }));
      await store.add(aPasskey({ id: 'b', username: 'bob', createdAt: 2 }));
      await store.add(aPasskey({ id: 'd', createdAt: 2 }));
      expect((await store.listFor('alice')).map((passkey) => passkey.id)).toEqual(['a', 'd', 'c']);
      expect((await store.listFor('bob')).map((passkey) => passkey.id)).toEqual(['b']);
      expect(await store.listFor('carol')).toEqual([]);
    });

    it('records a use only while the counter is the one seen, so that of two uses that saw it one wins', async () => {
      const store = await open();
      await store.add(aPasskey({ counter: 4 }));
      expect(await store.recordUse('credential-1', { counter: 5, at: 10 }, 4)).toBe(true);
      expect(await store.find('credential-1')).toMatchObject({ counter: 5, lastUsedAt: 10 });
      expect(await store.recordUse('credential-1', { counter: 6, at: 11 }, 4)).toBe(false);
      expect(await store.find('credential-1')).toMatchObject({ counter: 5, lastUsedAt: 10 });
      const both = await Promise.all([
        store.recordUse('credential-1', { counter: 6, at: 12 }, 5),
        store.recordUse('credential-1', { counter: 7, at: 13 }, 5),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      expect(await store.recordUse('gone', { counter: 1, at: 1 }, 0)).toBe(false);
    });

    it("renames and removes only the user's own passkey", async () => {
      const store = await open();
      await store.add(aPasskey());
      expect(await store.rename('mallory', 'credential-1', 'Mine now')).toBe(false);
      expect(await store.remove('mallory', 'credential-1')).toBe(false);
      expect(await store.rename('alice', 'credential-1', 'Work laptop')).toBe(true);
      expect(await store.find('credential-1')).toMatchObject({ name: 'Work laptop' });
      expect(await store.remove('alice', 'credential-1')).toBe(true);
      expect(await store.find('credential-1')).toBeNull();
      expect(await store.remove('alice', 'credential-1')).toBe(false);
      expect(await store.rename('alice', 'credential-1', 'Gone')).toBe(false);
    });

    it("removes every passkey of a user, and says how many, leaving others' alone", async () => {
      const store = await open();
      await store.add(aPasskey({ id: 'a' }));
      await store.add(aPasskey({ id: 'b' }));
      await store.add(aPasskey({ id: 'c', username: 'bob' }));
      expect(await store.removeAllFor('alice')).toBe(2);
      expect(await store.removeAllFor('alice')).toBe(0);
      expect(await store.listFor('alice')).toEqual([]);
      expect(await store.find('c')).not.toBeNull();
    });

    it('gives back copies: changing what was read or added changes nothing stored', async () => {
      const store = await open();
      const transports = ['usb'];
      await store.add(aPasskey({ transports }));
      transports.push('nfc');
      const read = await store.find('credential-1');
      expect(read?.transports).toEqual(['usb']);
    });
  });
}
