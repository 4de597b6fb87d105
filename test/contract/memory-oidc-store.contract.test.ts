import { MemoryOidcClientStore } from '../../src/adapters/memory/memory-oidc-client-store.js';
import { MemorySigningKeyStore } from '../../src/adapters/memory/memory-signing-key-store.js';
import { oidcStoreContract } from './oidc-store.contract.js';

oidcStoreContract('memory', async () => ({
  clients: new MemoryOidcClientStore(),
  keys: new MemorySigningKeyStore(),
  close: async () => {},
}));
