import { afterEach, describe, expect, it } from 'vitest';
import type { OidcClient } from '../../src/domain/oidc/oidc-client.js';
import type { OidcClientStore } from '../../src/domain/oidc/oidc-client-store.port.js';
import type { SigningKey } from '../../src/domain/oidc/signing-key.js';
import type { SigningKeyStore } from '../../src/domain/oidc/signing-key-store.port.js';

export interface OidcStoreHarness {
  clients: OidcClientStore;
  keys: SigningKeyStore;
  close(): Promise<void>;
}

export function anOidcClient(overrides: Partial<OidcClient> = {}): OidcClient {
  return {
    clientId: 'grafana',
    secret: 'a-client-secret-of-some-length',
    name: 'Grafana',
    redirectUris: ['https://grafana.example.com/login/generic_oauth'],
    postLogoutRedirectUris: ['https://grafana.example.com/'],
    scopes: ['openid', 'profile', 'email'],
    firstParty: false,
    idTokenSignedResponseAlg: 'ES256',
    disabled: false,
    createdAt: 1_764_000_000_000,
    ...overrides,
  };
}

function aSigningKey(overrides: Partial<SigningKey> = {}): SigningKey {
  return {
    kid: 'kid-1',
    alg: 'ES256',
    privateJwk: '{"kty":"EC","d":"secret-part","kid":"kid-1"}',
    createdAt: 1,
    activatesAt: 5,
    ...overrides,
  };
}

/** The OpenID client store and signing key store, as every store adapter must keep them. */
export function oidcStoreContract(name: string, makeHarness: () => Promise<OidcStoreHarness>): void {
  describe(`OpenID clients and signing keys in ${name}`, () => {
    let harness: OidcStoreHarness | undefined;
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });
    async function open(): Promise<OidcStoreHarness> {
      harness = await makeHarness();
      return harness;
    }

    it('gives back a saved client as it was, secret included, and null for an unknown id', async () => {
      const { clients } = await open();
      await clients.save(anOidcClient());
      expect(await clients.find('grafana')).toEqual(anOidcClient());
      expect(await clients.find('gitlab')).toBeNull();
    });

    it('keeps a public client without a secret', async () => {
      const { clients } = await open();
      await clients.save(anOidcClient({ clientId: 'spa', secret: null }));
      expect(await clients.find('spa')).toMatchObject({ secret: null });
    });

    it('replaces a client saved again under its id, and lists every client by id', async () => {
      const { clients } = await open();
      await clients.save(anOidcClient({ clientId: 'b' }));
      await clients.save(anOidcClient({ clientId: 'a' }));
      await clients.save(anOidcClient({ clientId: 'b', disabled: true }));
      expect((await clients.list()).map((client) => [client.clientId, client.disabled])).toEqual([
        ['a', false],
        ['b', true],
      ]);
    });

    it('removes a client, and says whether there was one', async () => {
      const { clients } = await open();
      await clients.save(anOidcClient());
      expect(await clients.remove('grafana')).toBe(true);
      expect(await clients.remove('grafana')).toBe(false);
      expect(await clients.find('grafana')).toBeNull();
    });

    it('keeps signing keys with their private part, a key with the same kid replaced', async () => {
      const { keys } = await open();
      expect(await keys.list()).toEqual([]);
      await keys.add(aSigningKey());
      await keys.add(aSigningKey({ kid: 'kid-2', alg: 'RS256', createdAt: 2 }));
      await keys.add(aSigningKey({ createdAt: 3 }));
      const listed = (await keys.list()).sort((a, b) => a.createdAt - b.createdAt);
      expect(listed).toEqual([aSigningKey({ kid: 'kid-2', alg: 'RS256', createdAt: 2 }), aSigningKey({ createdAt: 3 })]);
    });

    it('removes a signing key, and says whether there was one', async () => {
      const { keys } = await open();
      await keys.add(aSigningKey());
      await keys.add(aSigningKey({ kid: 'kid-2' }));
      expect(await keys.remove('kid-1')).toBe(true);
      expect(await keys.remove('kid-1')).toBe(false);
      expect((await keys.list()).map((key) => key.kid)).toEqual(['kid-2']);
    });
  });
}
