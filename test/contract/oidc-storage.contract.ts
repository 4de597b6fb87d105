import { errors } from 'oidc-provider';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheOidcStorage } from '../../src/adapters/cache/cache-oidc-storage.js';
import type { CacheHarness } from './cache.contract.js';

const options = { revokedGrantTtlSeconds: 3600, defaultTtlSeconds: 600 };

/**
 * oidc-provider's storage contract over a Cache: run once per cache adapter. `makeHarness` gives a
 * fresh, empty cache whose time the suite can move.
 */
export function oidcStorageContract(name: string, makeHarness: () => Promise<CacheHarness>): void {
  describe(`oidc-provider storage over ${name}`, () => {
    let harness: CacheHarness | undefined;
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });

    async function storage() {
      harness = await makeHarness();
      const current = harness;
      const storage = cacheOidcStorage(current.cache, { now: () => current.now() }, options);
      return { models: (model: string) => storage(model, (message) => new errors.InvalidGrant(message)), harness: current };
    }

    it('finds what was upserted, with its id as jti, and nothing under an unknown id', async () => {
      const { models } = await storage();
      const codes = models('AuthorizationCode');
      await codes.upsert('code-1', { grantId: 'grant-1', accountId: 'sub-1', exp: 1 }, 60);
      expect(await codes.find('code-1')).toEqual({ grantId: 'grant-1', accountId: 'sub-1', exp: 1, jti: 'code-1' });
      expect(await codes.find('code-2')).toBeUndefined();
    });

    it('keeps each model apart: one id in two models is two records', async () => {
      const { models } = await storage();
      await models('AccessToken').upsert('same', { accountId: 'a' }, 60);
      await models('RefreshToken').upsert('same', { accountId: 'b' }, 60);
      expect(await models('AccessToken').find('same')).toMatchObject({ accountId: 'a' });
      expect(await models('RefreshToken').find('same')).toMatchObject({ accountId: 'b' });
    });

    it('forgets a record once its own TTL has passed', async () => {
      const { models, harness: h } = await storage();
      await models('Interaction').upsert('short', { uid: 'u' }, 10);
      await models('Session').upsert('long', { uid: 'v' }, 100);
      await h.advance(11);
      expect(await models('Interaction').find('short')).toBeUndefined();
      expect(await models('Session').find('long')).toMatchObject({ uid: 'v' });
    });

    it('finds a record by its uid and by its user code', async () => {
      const { models } = await storage();
      await models('Session').upsert('session-id', { uid: 'session-uid', accountId: 'x' }, 60);
      await models('DeviceCode').upsert('device-id', { userCode: 'ABCD-EFGH' }, 60);
      expect(await models('Session').findByUid('session-uid')).toMatchObject({ jti: 'session-id', accountId: 'x' });
      expect(await models('DeviceCode').findByUserCode('ABCD-EFGH')).toMatchObject({ jti: 'device-id' });
      expect(await models('Session').findByUid('other')).toBeUndefined();
    });

    it('removes a destroyed record', async () => {
      const { models } = await storage();
      await models('Session').upsert('gone', { uid: 'g' }, 60);
      await models('Session').destroy('gone');
      expect(await models('Session').find('gone')).toBeUndefined();
    });

    it('marks a consumed record with the time it was consumed', async () => {
      const { models, harness: h } = await storage();
      const codes = models('AuthorizationCode');
      await codes.upsert('code', { grantId: 'g' }, 60);
      await codes.consume('code');
      expect(await codes.find('code')).toMatchObject({ consumed: Math.floor(h.now() / 1000) });
    });

    it('treats a second consume as a reuse: refused, and the grant revoked', async () => {
      const { models } = await storage();
      const tokens = models('RefreshToken');
      await tokens.upsert('refresh', { grantId: 'g' }, 60);
      await models('AccessToken').upsert('access', { grantId: 'g' }, 60);
      await tokens.consume('refresh');
      await expect(tokens.consume('refresh')).rejects.toBeInstanceOf(errors.InvalidGrant);
      expect(await models('AccessToken').find('access')).toBeUndefined();
    });

    it('lets exactly one of many concurrent consumes of one record through', async () => {
      const { models } = await storage();
      const codes = models('AuthorizationCode');
      await codes.upsert('raced', { grantId: 'g' }, 60);
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => codes.consume('raced')));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    });

    it('hides every record of a revoked grant, the grant included, and no other', async () => {
      const { models } = await storage();
      await models('Grant').upsert('g1', { accountId: 'a', clientId: 'c' }, 60);
      await models('AccessToken').upsert('at1', { grantId: 'g1' }, 60);
      await models('RefreshToken').upsert('rt1', { grantId: 'g1' }, 60);
      await models('AccessToken').upsert('at2', { grantId: 'g2' }, 60);
      await models('AccessToken').revokeByGrantId('g1');
      expect(await models('Grant').find('g1')).toBeUndefined();
      expect(await models('AccessToken').find('at1')).toBeUndefined();
      expect(await models('RefreshToken').find('rt1')).toBeUndefined();
      expect(await models('AccessToken').find('at2')).toMatchObject({ grantId: 'g2' });
    });
  });
}
