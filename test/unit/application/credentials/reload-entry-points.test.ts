import { describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../../src/adapters/memory/memory-credential-store.js';
import { ReloadEntryPoints } from '../../../../src/application/credentials/reload-entry-points.js';
import { aCredential } from '../../../support/credential-mother.js';

const entry = (name: string) => {
  const [method, path] = name.split(' ') as [string, string];
  return { name, method, path };
};

describe('reloading entry points', () => {
  it('adds new ones, keeps known ones and removes the rest, from the keys too', async () => {
    const store = new MemoryCredentialStore();
    await store.saveEntryPoint(entry('GET /old/'));
    await store.saveEntryPoint(entry('GET /kept/'));
    await store.save(aCredential({ apiKey: 'k1', entryPoints: new Set(['GET /old/', 'GET /kept/']) }));

    const changes = await new ReloadEntryPoints({ credentialStore: store }).execute([entry('GET /kept/'), entry('POST /new/')]);

    expect(changes).toEqual([
      { action: 'UPDATE/KEEP', name: 'GET /kept/' },
      { action: 'ADD', name: 'POST /new/' },
      { action: 'REMOVE', name: 'GET /old/' },
    ]);
    expect((await store.listEntryPoints()).map((e) => e.name)).toEqual(['GET /kept/', 'POST /new/']);
    expect([...(await store.findByApiKey('k1'))!.entryPoints]).toEqual(['GET /kept/']);
  });
});
