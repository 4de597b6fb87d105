import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { FixedClock } from '../support/fixed-clock.js';
import { oidcStorageContract } from './oidc-storage.contract.js';

oidcStorageContract('MemoryCache', async () => {
  const clock = new FixedClock();
  return {
    cache: new MemoryCache({ clock }),
    advance: async (seconds) => clock.advance(seconds),
    now: () => clock.now(),
    loseData: async () => new MemoryCache({ clock }),
    close: async () => {},
  };
});
