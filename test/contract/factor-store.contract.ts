import { afterEach, describe, expect, it } from 'vitest';
import type { StoredFactor } from '../../src/domain/factors/factor.js';
import type { FactorStore } from '../../src/domain/factors/factor-store.port.js';

export interface FactorStoreHarness {
  store: FactorStore;
  close(): Promise<void>;
}

export function aFactor(overrides: Partial<StoredFactor> = {}): StoredFactor {
  return {
    id: 'factor-1',
    username: 'ada',
    kind: 'totp',
    name: 'phone',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    createdAt: 1_764_000_000_000,
    lastUsedAt: null,
    ...overrides,
  };
}

/** Users' second factors and recovery codes, as every store adapter must keep them. */
export function factorStoreContract(name: string, makeHarness: () => Promise<FactorStoreHarness>): void {
  describe(`second factors in ${name}`, () => {
    let harness: FactorStoreHarness | undefined;
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });
    async function open(): Promise<FactorStore> {
      harness = await makeHarness();
      return harness.store;
    }

    it("gives back a user's factors as saved, secret included, oldest first, and none of another user's", async () => {
      const store = await open();
      await store.addFactor(aFactor({ id: 'later', createdAt: 2_000 }));
      await store.addFactor(aFactor({ id: 'earlier', createdAt: 1_000, name: 'tablet' }));
      await store.addFactor(aFactor({ id: 'bob-1', username: 'bob' }));
      expect(await store.listFactors('ada')).toEqual([
        aFactor({ id: 'earlier', createdAt: 1_000, name: 'tablet' }),
        aFactor({ id: 'later', createdAt: 2_000 }),
      ]);
      expect(await store.listFactors('nobody')).toEqual([]);
    });

    it('refuses a second factor under an id already taken', async () => {
      const store = await open();
      await store.addFactor(aFactor());
      await expect(store.addFactor(aFactor({ name: 'other' }))).rejects.toThrow();
      expect(await store.listFactors('ada')).toEqual([aFactor()]);
    });

    it("removes a user's own factor only, and records when one was used", async () => {
      const store = await open();
      await store.addFactor(aFactor());
      expect(await store.removeFactor('bob', 'factor-1')).toBe(false);
      await store.recordUse('bob', 'factor-1', 5);
      expect(await store.listFactors('ada')).toEqual([aFactor()]);
      await store.recordUse('ada', 'factor-1', 7);
      expect(await store.listFactors('ada')).toEqual([aFactor({ lastUsedAt: 7 })]);
      expect(await store.removeFactor('ada', 'factor-1')).toBe(true);
      expect(await store.removeFactor('ada', 'factor-1')).toBe(false);
      expect(await store.listFactors('ada')).toEqual([]);
    });

    it('uses a recovery code once, and only its own user’s', async () => {
      const store = await open();
      await store.replaceRecoveryCodes('ada', ['d1', 'd2', 'd3']);
      await store.replaceRecoveryCodes('bob', ['d1']);
      expect(await store.countRecoveryCodes('ada')).toBe(3);
      expect(await store.useRecoveryCode('ada', 'd2')).toBe(true);
      expect(await store.useRecoveryCode('ada', 'd2')).toBe(false);
      expect(await store.useRecoveryCode('ada', 'unknown')).toBe(false);
      expect(await store.countRecoveryCodes('ada')).toBe(2);
      expect(await store.countRecoveryCodes('bob')).toBe(1);
    });

    it('lets one of 20 concurrent uses of a recovery code succeed, exactly', async () => {
      const store = await open();
      await store.replaceRecoveryCodes('ada', ['burst', 'other']);
      const uses = await Promise.all(Array.from({ length: 20 }, () => store.useRecoveryCode('ada', 'burst')));
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await store.countRecoveryCodes('ada')).toBe(1);
    });

    it('replaces the recovery codes as a whole: the old ones stop working', async () => {
      const store = await open();
      await store.replaceRecoveryCodes('ada', ['old1', 'old2']);
      await store.replaceRecoveryCodes('ada', ['new1']);
      expect(await store.useRecoveryCode('ada', 'old1')).toBe(false);
      expect(await store.useRecoveryCode('ada', 'new1')).toBe(true);
      await store.replaceRecoveryCodes('ada', []);
      expect(await store.countRecoveryCodes('ada')).toBe(0);
    });

    it("removes every factor and recovery code of a user at once, and no one else's", async () => {
      const store = await open();
      await store.addFactor(aFactor({ id: 'a1' }));
      await store.addFactor(aFactor({ id: 'a2' }));
      await store.addFactor(aFactor({ id: 'b1', username: 'bob' }));
      await store.replaceRecoveryCodes('ada', ['d1']);
      await store.replaceRecoveryCodes('bob', ['d1']);
      expect(await store.removeAll('ada')).toBe(2);
      expect(await store.listFactors('ada')).toEqual([]);
      expect(await store.countRecoveryCodes('ada')).toBe(0);
      expect(await store.listFactors('bob')).toHaveLength(1);
      expect(await store.countRecoveryCodes('bob')).toBe(1);
      expect(await store.removeAll('ada')).toBe(0);
    });
  });
}
