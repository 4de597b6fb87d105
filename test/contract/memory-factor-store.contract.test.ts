import { MemoryFactorStore } from '../../src/adapters/memory/memory-factor-store.js';
import { factorStoreContract } from './factor-store.contract.js';

factorStoreContract('MemoryFactorStore', async () => ({ store: new MemoryFactorStore(), close: async () => {} }));
