import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../../src/adapters/memory/memory-credential-store.js';
import { MemoryUserDirectory } from '../../../../src/adapters/memory/memory-user-directory.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { AllowEntryPoint } from '../../../../src/application/credentials/allow-entry-point.js';
import { CreateApiKey } from '../../../../src/application/credentials/create-api-key.js';
import { ListApiKeys } from '../../../../src/application/credentials/list-api-keys.js';
import { RevokeApiKey } from '../../../../src/application/credentials/revoke-api-key.js';
import { RotateApiKey } from '../../../../src/application/credentials/rotate-api-key.js';
import { activeSecrets } from '../../../../src/domain/api-auth/api-credential.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { aUser } from '../../../support/user-mother.js';

describe('the key lifecycle, as use cases on memory adapters', () => {
  let clock: FixedClock;
  let store: MemoryCredentialStore;
  let create: CreateApiKey;
  let allow: AllowEntryPoint;
  let revoke: RevokeApiKey;
  let rotate: RotateApiKey;
  let list: ListApiKeys;

  beforeEach(async () => {
    clock = new FixedClock();
    store = new MemoryCredentialStore();
    const userDirectory = new MemoryUserDirectory();
    await userDirectory.save(aUser({ username: 'alice' }));
    for (const name of ['GET /api/hello/', 'POST /api/goodbye/']) {
      const [method = '', path = ''] = name.split(' ');
      await store.saveEntryPoint({ name, method, path });
    }
    const random = new CryptoRandomSource();
    create = new CreateApiKey({ credentialStore: store, clock, random, userDirectory });
    allow = new AllowEntryPoint({ credentialStore: store });
    revoke = new RevokeApiKey({ credentialStore: store, clock });
    rotate = new RotateApiKey({ credentialStore: store, clock, random, config: { apiAuth: { rotationGraceSeconds: 3600 } } });
    list = new ListApiKeys({ credentialStore: store, clock });
  });

  it('creates a key bound to a user on known entry points, and gives its SEC key only in the answer', async () => {
    const created = await create.execute({ username: 'alice', entryPoints: ['GET /api/hello/'], note: 'reports' });
    expect(created.apiKey).toMatch(/^[0-9a-f]{16}$/);
    expect(created.secretKey).toMatch(/^[0-9a-f]{64}$/);
    const [summary] = (await list.execute()).items;
    expect(summary).toMatchObject({
      apiKey: created.apiKey,
      username: 'alice',
      entryPoints: ['GET /api/hello/'],
      note: 'reports',
    });
    expect(JSON.stringify(await list.execute())).not.toContain(created.secretKey);
  });

  it('refuses an unknown user or entry point, and stores nothing', async () => {
    await expect(create.execute({ username: 'nobody' })).rejects.toMatchObject({ code: 'credential.unknown_user' });
    await expect(create.execute({ entryPoints: ['GET /api/nowhere/'] })).rejects.toMatchObject({
      code: 'credential.unknown_entry_point',
    });
    expect((await list.execute()).items).toEqual([]);
  });

  it('allows one more known entry point, and says when the key had it already', async () => {
    const { apiKey } = await create.execute({ entryPoints: ['GET /api/hello/'] });
    expect(await allow.execute(apiKey, 'POST /api/goodbye/')).toBe(true);
    expect(await allow.execute(apiKey, 'POST /api/goodbye/')).toBe(false);
    expect((await list.execute()).items[0]?.entryPoints).toEqual(['GET /api/hello/', 'POST /api/goodbye/']);
    await expect(allow.execute(apiKey, 'GET /api/nowhere/')).rejects.toMatchObject({ code: 'credential.unknown_entry_point' });
    await expect(allow.execute('missing', 'GET /api/hello/')).rejects.toMatchObject({ code: 'credential.not_found' });
  });

  it('rotates: the new SEC key and the old one both verify for the grace period, then only the new one', async () => {
    const { apiKey, secretKey: old } = await create.execute();
    const rotated = await rotate.execute(apiKey);
    expect(rotated.previousExpiresAt).toBe(clock.now() + 3_600_000);
    const credential = await store.findByApiKey(apiKey);
    expect(activeSecrets(credential!, clock.now())).toEqual([rotated.secretKey, old]);
    clock.advance(3600);
    expect(activeSecrets(credential!, clock.now())).toEqual([rotated.secretKey]);
    expect((await list.execute()).items[0]?.activeSecretKeys).toBe(1);
  });

  it('revokes for good: a revoked key stays listed and cannot be rotated', async () => {
    const { apiKey } = await create.execute();
    await revoke.execute(apiKey);
    expect((await list.execute()).items[0]?.revoked).toBe(true);
    await expect(rotate.execute(apiKey)).rejects.toMatchObject({ code: 'credential.revoked' });
    await expect(revoke.execute('missing')).rejects.toMatchObject({ code: 'credential.not_found' });
  });
});
