import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../../src/adapters/memory/memory-credential-store.js';
import { MemoryUserDirectory } from '../../../../src/adapters/memory/memory-user-directory.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { AllowEntryPoint } from '../../../../src/application/credentials/allow-entry-point.js';
import { CreateApiKey } from '../../../../src/application/credentials/create-api-key.js';
import { RevokeApiKey } from '../../../../src/application/credentials/revoke-api-key.js';
import { RotateApiKey } from '../../../../src/application/credentials/rotate-api-key.js';
import { FixedClock } from '../../../support/fixed-clock.js';

/**
 * Each change to a key reads the credential, changes the copy and writes the whole of it back. Two
 * operators (two `signet key ...` runs, or the coming admin site and the command line) changing one
 * key at once must not undo each other: above all, a revocation must never be lost, since nothing
 * tells the operator who revoked that the key works again.
 */
describe('changes to one key made at the same time', () => {
  let store: MemoryCredentialStore;
  let apiKey: string;
  let allow: AllowEntryPoint;
  let revoke: RevokeApiKey;
  let rotate: RotateApiKey;

  beforeEach(async () => {
    const clock = new FixedClock();
    const random = new CryptoRandomSource();
    store = new MemoryCredentialStore();
    for (const name of ['GET /api/hello/', 'POST /api/goodbye/']) {
      const [method = '', path = ''] = name.split(' ');
      await store.saveEntryPoint({ name, method, path });
    }
    const create = new CreateApiKey({ credentialStore: store, clock, random, userDirectory: new MemoryUserDirectory() });
    ({ apiKey } = await create.execute({ entryPoints: ['GET /api/hello/'] }));
    allow = new AllowEntryPoint({ credentialStore: store });
    revoke = new RevokeApiKey({ credentialStore: store, clock });
    rotate = new RotateApiKey({ credentialStore: store, clock, random, config: { apiAuth: { rotationGraceSeconds: 3600 } } });
  });

  it('a key revoked while it is being allowed an entry point stays revoked', async () => {
    await Promise.allSettled([revoke.execute(apiKey), allow.execute(apiKey, 'POST /api/goodbye/')]);
    expect((await store.findByApiKey(apiKey))?.revoked).toBe(true);
  });

  it('a key revoked while it is being rotated stays revoked', async () => {
    await Promise.allSettled([revoke.execute(apiKey), rotate.execute(apiKey)]);
    expect((await store.findByApiKey(apiKey))?.revoked).toBe(true);
  });
});
