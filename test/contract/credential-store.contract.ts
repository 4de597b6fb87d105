import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCredential, SecretKey } from '../../src/domain/api-auth/api-credential.js';
import type { CredentialStore } from '../../src/domain/api-auth/credential-store.port.js';
import { aCredential, aRotatingSsoCredential, anEntryPoint } from '../support/credential-mother.js';
import { credentialPagesContract } from './credential-store-pages.contract.js';
import { attempt, type Mutable } from './mutation-attempt.js';

/** What a backend's test file hands the suite: a fresh, empty store. */
export interface CredentialStoreHarness {
  store: CredentialStore;
  close(): Promise<void>;
}

/** The behaviour every CredentialStore adapter must show; each test gets its own harness. */
export function credentialStoreContract(name: string, makeHarness: () => Promise<CredentialStoreHarness>): void {
  describe(`${name} honours the CredentialStore contract`, () => {
    let harness: CredentialStoreHarness;
    let store: CredentialStore;

    beforeEach(async () => {
      harness = await makeHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.close();
    });

    describe('credentials', () => {
      it('an API key that was never saved is not found', async () => {
        expect(await store.findByApiKey('AK-unknown')).toBeNull();
      });

      it('a saved credential comes back with every field exactly as saved', async () => {
        const credential = aRotatingSsoCredential();
        await store.save(credential);
        expect(await store.findByApiKey(credential.apiKey)).toStrictEqual(credential);
      });

      it('a credential without user, SSO host or last use comes back with those fields null', async () => {
        const credential = aCredential({ entryPoints: new Set() });
        await store.save(credential);
        expect(await store.findByApiKey(credential.apiKey)).toStrictEqual(credential);
      });

      it('a revoked credential is still found', async () => {
        await store.save(aCredential({ revoked: true }));
        expect((await store.findByApiKey('AK-plain-0001'))?.revoked).toBe(true);
      });

      it('an API key differing only in letter case is another key', async () => {
        await store.save(aCredential({ apiKey: 'AK-Case' }));
        expect(await store.findByApiKey('ak-case')).toBeNull();
      });

      it('saving a credential whose API key is known replaces it', async () => {
        await store.save(aRotatingSsoCredential());
        const replacement = aRotatingSsoCredential({
          secretKeys: [{ value: 'sec-only', createdAt: 5, expiresAt: null }],
          entryPoints: new Set(['GET /api/other/']),
          note: 'replaced',
          ssoHost: null,
          revoked: true,
        });
        await store.save(replacement);
        expect(await store.findByApiKey(replacement.apiKey)).toStrictEqual(replacement);
        expect(await store.list()).toHaveLength(1);
      });

      it('credentials are listed oldest first', async () => {
        await store.save(aCredential({ apiKey: 'AK-middle', createdAt: 2_000 }));
        await store.save(aCredential({ apiKey: 'AK-newest', createdAt: 3_000 }));
        await store.save(aCredential({ apiKey: 'AK-oldest', createdAt: 1_000 }));
        expect((await store.list()).map((credential) => credential.apiKey)).toEqual(['AK-oldest', 'AK-middle', 'AK-newest']);
      });

      it('listing an empty store gives an empty list', async () => {
        expect(await store.list()).toEqual([]);
      });

      it('an update changes the stored credential in one step and says what is stored', async () => {
        await store.save(aCredential());
        const updated = await store.update('AK-plain-0001', (current) => ({ ...current, note: 'changed' }));
        expect(updated?.note).toBe('changed');
        expect((await store.findByApiKey('AK-plain-0001'))?.note).toBe('changed');
      });

      it('an update that changes nothing leaves the credential, and an unknown key is null without a call', async () => {
        await store.save(aCredential());
        expect((await store.update('AK-plain-0001', () => null))?.note).toBe('plain key');
        let called = false;
        expect(
          await store.update('unknown', (current) => {
            called = true;
            return current;
          }),
        ).toBeNull();
        expect(called).toBe(false);
      });

      it('20 concurrent updates of one key each add their entry point: none undoes another', async () => {
        await store.save(aCredential({ entryPoints: new Set() }));
        const names = Array.from({ length: 20 }, (_, i) => `GET /api/${i}/`);
        await Promise.all(
          names.map((name) =>
            store.update('AK-plain-0001', (current) => ({ ...current, entryPoints: new Set([...current.entryPoints, name]) })),
          ),
        );
        expect([...((await store.findByApiKey('AK-plain-0001'))?.entryPoints ?? [])].sort()).toEqual([...names].sort());
      });

      it('an update that throws stores nothing and passes the error on', async () => {
        await store.save(aCredential());
        await expect(
          store.update('AK-plain-0001', () => {
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect((await store.findByApiKey('AK-plain-0001'))?.note).toBe('plain key');
      });

      it('recording a use sets the last-used time and address and nothing else', async () => {
        const credential = aRotatingSsoCredential();
        await store.save(credential);
        const at = credential.createdAt + 7_200_000;
        await store.recordUse(credential.apiKey, at, '203.0.113.9');
        expect(await store.findByApiKey(credential.apiKey)).toStrictEqual({
          ...credential,
          lastUsedAt: at,
          lastUsedFrom: '203.0.113.9',
        });
      });

      it('recording a use from an unknown address leaves the address null', async () => {
        const credential = aRotatingSsoCredential();
        await store.save(credential);
        await store.recordUse(credential.apiKey, 5_000, null);
        expect(await store.findByApiKey(credential.apiKey)).toStrictEqual({
          ...credential,
          lastUsedAt: 5_000,
          lastUsedFrom: null,
        });
      });

      it('a credential keeps its lifecycle fields: enabled, no expiry and no limit come back as such', async () => {
        const credential = aCredential({ disabled: false, expiresAt: null, rateLimitPerMinute: null });
        await store.save(credential);
        expect(await store.findByApiKey(credential.apiKey)).toStrictEqual(credential);
      });

      it('recording a use of an unknown API key is ignored', async () => {
        await expect(store.recordUse('AK-unknown', 1_000, '192.0.2.1')).resolves.toBeUndefined();
        expect(await store.findByApiKey('AK-unknown')).toBeNull();
        expect(await store.list()).toEqual([]);
      });
    });

    describe('by user and by SSO host', () => {
      it("lists a user's keys, revoked ones included, oldest first, and no one else's", async () => {
        await store.save(aCredential({ apiKey: 'AK-u1-late', username: 'user1', createdAt: 3_000 }));
        await store.save(aCredential({ apiKey: 'AK-u1-early', username: 'user1', createdAt: 1_000, revoked: true }));
        await store.save(aCredential({ apiKey: 'AK-u2', username: 'user2', createdAt: 2_000 }));
        await store.save(aCredential({ apiKey: 'AK-none', createdAt: 500 }));
        expect((await store.listByUser('user1')).map((key) => key.apiKey)).toEqual(['AK-u1-early', 'AK-u1-late']);
        expect(await store.listByUser('User1')).toEqual([]);
        expect(await store.listByUser('nobody')).toEqual([]);
      });

      it("lists a host's SSO keys, revoked ones included, oldest first, and no other host's", async () => {
        await store.save(aCredential({ apiKey: 'AK-h-new', ssoHost: 'app.example.com', createdAt: 2_000 }));
        await store.save(aCredential({ apiKey: 'AK-h-old', ssoHost: 'app.example.com', createdAt: 1_000, revoked: true }));
        await store.save(aCredential({ apiKey: 'AK-other', ssoHost: 'other.example.com', createdAt: 1_500 }));
        expect((await store.listBySsoHost('app.example.com')).map((key) => key.apiKey)).toEqual(['AK-h-old', 'AK-h-new']);
        expect(await store.listBySsoHost('example.com')).toEqual([]);
      });

      it('follows a key whose user or host changes, by save and by update', async () => {
        await store.save(aCredential({ apiKey: 'AK-moving', username: 'user1', ssoHost: 'a.example.com' }));
        await store.save(aCredential({ apiKey: 'AK-moving', username: 'user2', ssoHost: 'a.example.com' }));
        await store.update('AK-moving', (current) => ({ ...current, ssoHost: 'b.example.com' }));
        expect(await store.listByUser('user1')).toEqual([]);
        expect((await store.listByUser('user2')).map((key) => key.apiKey)).toEqual(['AK-moving']);
        expect(await store.listBySsoHost('a.example.com')).toEqual([]);
        expect((await store.listBySsoHost('b.example.com')).map((key) => key.ssoHost)).toEqual(['b.example.com']);
      });
    });

    credentialPagesContract(() => store);

    describe('entry points', () => {
      it('entry points are listed sorted by name', async () => {
        await store.saveEntryPoint(anEntryPoint('POST', '/api/items/'));
        await store.saveEntryPoint(anEntryPoint('GET', '/api/items/:id'));
        await store.saveEntryPoint(anEntryPoint('GET', '/sso/handshake/', 'sso.handshake'));
        expect(await store.listEntryPoints()).toStrictEqual([
          anEntryPoint('GET', '/api/items/:id'),
          anEntryPoint('POST', '/api/items/'),
          anEntryPoint('GET', '/sso/handshake/', 'sso.handshake'),
        ]);
      });

      it('saving an entry point whose name is known replaces it', async () => {
        await store.saveEntryPoint(anEntryPoint('GET', '/old/', 'items.show'));
        await store.saveEntryPoint(anEntryPoint('GET', '/api/items/:id', 'items.show'));
        expect(await store.listEntryPoints()).toStrictEqual([anEntryPoint('GET', '/api/items/:id', 'items.show')]);
      });

      it('removing entry points deletes them and takes them out of every credential', async () => {
        for (const entryPoint of [
          anEntryPoint('GET', '/api/hello/'),
          anEntryPoint('GET', '/api/items/:id'),
          anEntryPoint('POST', '/api/items/'),
        ]) {
          await store.saveEntryPoint(entryPoint);
        }
        await store.save(aCredential({ apiKey: 'AK-a', entryPoints: new Set(['GET /api/hello/', 'POST /api/items/']) }));
        await store.save(aCredential({ apiKey: 'AK-b', entryPoints: new Set(['GET /api/items/:id', 'POST /api/items/']) }));
        await store.save(aCredential({ apiKey: 'AK-c', entryPoints: new Set(['GET /api/items/:id']) }));

        await store.removeEntryPoints(['POST /api/items/', 'GET /api/hello/']);

        expect((await store.listEntryPoints()).map((entryPoint) => entryPoint.name)).toEqual(['GET /api/items/:id']);
        expect((await store.findByApiKey('AK-a'))?.entryPoints).toEqual(new Set());
        expect((await store.findByApiKey('AK-b'))?.entryPoints).toEqual(new Set(['GET /api/items/:id']));
        expect((await store.findByApiKey('AK-c'))?.entryPoints).toEqual(new Set(['GET /api/items/:id']));
      });

      it('removing entry point names nobody knows changes nothing', async () => {
        await store.saveEntryPoint(anEntryPoint('GET', '/api/hello/'));
        const credential = aRotatingSsoCredential();
        await store.save(credential);
        await store.removeEntryPoints(['GET /nowhere/', 'get /api/hello/']);
        await store.removeEntryPoints([]);
        expect(await store.listEntryPoints()).toStrictEqual([anEntryPoint('GET', '/api/hello/')]);
        expect(await store.findByApiKey(credential.apiKey)).toStrictEqual(credential);
      });
    });

    describe('isolation', () => {
      it('changing the saved object afterwards does not change the stored credential', async () => {
        const entryPoints = new Set(['GET /api/hello/']);
        const secretKeys: SecretKey[] = [{ value: 'sec-original', createdAt: 1, expiresAt: null }];
        const saved: Mutable<ApiCredential> = { ...aCredential(), entryPoints, secretKeys };
        const snapshot = aCredential({ entryPoints: new Set(entryPoints), secretKeys: [...secretKeys] });
        await store.save(saved);

        entryPoints.add('DELETE /api/everything/');
        secretKeys.push({ value: 'sec-injected', createdAt: 2, expiresAt: null });
        saved.note = 'changed after save';

        expect(await store.findByApiKey(snapshot.apiKey)).toStrictEqual(snapshot);
      });

      // The entry point Set is typed ReadonlySet: a store may hand out its own Set rather than copy it
      // on every read, so this test changes only what the types leave a careless caller able to try.
      it('changing a returned credential does not change the stored one', async () => {
        const credential = aRotatingSsoCredential();
        await store.save(credential);
        const found = (await store.findByApiKey(credential.apiKey)) as Mutable<ApiCredential>;
        attempt(() => {
          found.note = 'changed by a reader';
        });
        attempt(() => {
          (found.secretKeys as SecretKey[]).push({ value: 'sec-injected', createdAt: 2, expiresAt: null });
        });
        attempt(() => {
          (found.secretKeys[0] as Mutable<SecretKey>).expiresAt = 0;
        });
        const listed = (await store.list())[0] as Mutable<ApiCredential>;
        attempt(() => {
          listed.revoked = true;
        });
        expect(await store.findByApiKey(credential.apiKey)).toStrictEqual(credential);
      });

      it('changing a returned entry point does not change the stored one', async () => {
        await store.saveEntryPoint(anEntryPoint('GET', '/api/hello/'));
        const [listed] = await store.listEntryPoints();
        attempt(() => {
          (listed as Mutable<typeof listed & object>).path = '/changed/';
        });
        expect(await store.listEntryPoints()).toStrictEqual([anEntryPoint('GET', '/api/hello/')]);
      });
    });

    it('a ping resolves while the backend answers', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
