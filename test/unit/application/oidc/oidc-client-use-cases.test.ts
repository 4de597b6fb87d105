import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryOidcClientStore } from '../../../../src/adapters/memory/memory-oidc-client-store.js';
import { CreateOidcClient } from '../../../../src/application/oidc/create-oidc-client.js';
import { ListOidcClients } from '../../../../src/application/oidc/list-oidc-clients.js';
import { RotateOidcClientSecret } from '../../../../src/application/oidc/rotate-oidc-client-secret.js';
import { UpdateOidcClient } from '../../../../src/application/oidc/update-oidc-client.js';
import { FixedClock } from '../../../support/fixed-clock.js';

let counter = 0;
const random = {
  bytes(count: number): Uint8Array {
    counter += 1;
    return new Uint8Array(count).fill(counter % 256);
  },
};

function clients(isProduction = false) {
  const clock = new FixedClock();
  const oidcClientStore = new MemoryOidcClientStore();
  const config = { isProduction };
  return {
    oidcClientStore,
    create: new CreateOidcClient({ oidcClientStore, cache: new MemoryCache({ clock }), clock, random, config }),
    list: new ListOidcClients({ oidcClientStore }),
    update: new UpdateOidcClient({ oidcClientStore, config }),
    rotate: new RotateOidcClientSecret({ oidcClientStore, random }),
  };
}

describe('OpenID clients, registered and changed', () => {
  it('of ten registrations of one client id at once, one succeeds and the others are told it exists', async () => {
    const { create, oidcClientStore } = clients();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => create.execute({ clientId: 'same', redirectUris: ['https://a.example.com/cb'] })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(String(result.reason)).toContain('already exists');
    }
    expect(await oidcClientStore.list()).toHaveLength(1);
  });

  it('pages by client id, with a search on the id, the name and the redirect URIs, letter case aside', async () => {
    const { create, list } = clients();
    for (const [clientId, name, uri] of [
      ['c', 'Charlie', 'https://c.example.com/cb'],
      ['a', 'Alpha', 'https://a.example.com/cb'],
      ['b', 'Bravo', 'https://wiki.example.com/cb'],
    ] as const) {
      await create.execute({ clientId, name, redirectUris: [uri] });
    }
    const first = await list.execute({ limit: 2 });
    expect(first.items.map((item) => item.clientId)).toEqual(['a', 'b']);
    expect(first).toMatchObject({ total: 3, next: 'b' });
    expect(await list.execute({ limit: 2, cursor: 'b' })).toMatchObject({ items: [{ clientId: 'c' }], next: null });
    expect((await list.execute({ q: 'WIKI' })).items.map((item) => item.clientId)).toEqual(['b']);
    expect((await list.execute({ q: 'charl' })).items.map((item) => item.clientId)).toEqual(['c']);
    expect(JSON.stringify(await list.execute())).not.toContain('"secret"');
  });

  it('changes only what it is given, checked as at creation, and keeps the secret', async () => {
    const { create, update, oidcClientStore } = clients(true);
    const { secret } = await create.execute({ clientId: 'app', redirectUris: ['https://app.example.com/cb'] });
    await expect(update.execute('app', { redirectUris: ['http://app.example.com/cb'] })).rejects.toThrow('https only');
    await expect(update.execute('app', { scopes: ['openid', 'root'] })).rejects.toThrow('scopes: unknown root');
    await expect(update.execute('app', { redirectUris: [] })).rejects.toThrow('redirectUris: at least one');
    const changed = await update.execute('app', { firstParty: true, postLogoutRedirectUris: ['https://app.example.com/'] });
    expect(changed).toMatchObject({ redirectUris: ['https://app.example.com/cb'], firstParty: true });
    expect((await oidcClientStore.find('app'))?.secret).toBe(secret);
    await expect(update.execute('nobody', { firstParty: true })).rejects.toThrow('no OpenID client "nobody"');
  });

  it('gives a confidential client a new secret, and refuses a public one, which has none', async () => {
    const { create, rotate, oidcClientStore } = clients();
    const { secret } = await create.execute({ clientId: 'app', redirectUris: ['https://app.example.com/cb'] });
    const rotated = await rotate.execute('app');
    expect(rotated.secret).not.toBe(secret);
    expect((await oidcClientStore.find('app'))?.secret).toBe(rotated.secret);
    await create.execute({ clientId: 'spa', redirectUris: ['https://spa.example.com/cb'], isPublic: true });
    await expect(rotate.execute('spa')).rejects.toThrow('public client');
  });
});
