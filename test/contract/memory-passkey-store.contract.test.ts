import { MemoryPasskeyStore } from '../../src/adapters/memory/memory-passkey-store.js';
import { passkeyStoreContract } from './passkey-store.contract.js';

passkeyStoreContract('memory', async () => ({ store: new MemoryPasskeyStore(), close: async () => {} }));
