import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { FixedClock } from '../support/fixed-clock.js';
import { cacheContract } from './cache.contract.js';

cacheContract('MemoryCache', async () => {
  const clock = new FixedClock();
  return {
    cache: new MemoryCache({ clock }),
    advance: async (seconds) => clock.advance(seconds),
    now: () => clock.now(),
    // A memory cache loses its data only with its process: a new one stands for the restart.
    loseData: async () => new MemoryCache({ clock }),
    close: async () => {},
  };
});
