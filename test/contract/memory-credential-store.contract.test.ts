import { MemoryCredentialStore } from '../../src/adapters/memory/memory-credential-store.js';
import { credentialStoreContract } from './credential-store.contract.js';

credentialStoreContract('MemoryCredentialStore', async () => ({ store: new MemoryCredentialStore(), close: async () => {} }));
