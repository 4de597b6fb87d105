import { MemorySsoUserStore } from '../../src/adapters/memory/memory-sso-user-store.js';
import { ssoUserStoreContract } from './sso-user-store.contract.js';

ssoUserStoreContract('MemorySsoUserStore', async () => ({ store: new MemorySsoUserStore(), close: async () => {} }));
