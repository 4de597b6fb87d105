import { CacheSsoUserStore } from '../../src/adapters/cache/cache-sso-user-store.js';
import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { FixedClock } from '../support/fixed-clock.js';
import { ssoUserStoreContract } from './sso-user-store.contract.js';

ssoUserStoreContract('CacheSsoUserStore over MemoryCache', async () => ({
  store: new CacheSsoUserStore({ cache: new MemoryCache({ clock: new FixedClock() }) }),
  close: async () => {},
}));
