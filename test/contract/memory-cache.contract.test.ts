import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { FixedClock } from '../support/fixed-clock.js';
import { cacheContract } from './cache.contract.js';

cacheContract('MemoryCache', async () => {
  const clock = new FixedClock();
  return { cache: new MemoryCache({ clock }), advance: async (seconds) => clock.advance(seconds), close: async () => {} };
});
