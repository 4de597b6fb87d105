import { MemoryLoginMeter } from '../../src/adapters/memory/memory-login-meter.js';
import { FixedClock } from '../support/fixed-clock.js';
import { loginMeterContract } from './login-meter.contract.js';

loginMeterContract('MemoryLoginMeter', async () => {
  const clock = new FixedClock(Date.UTC(2026, 11, 8, 12, 0, 0));
  const meter = new MemoryLoginMeter({ clock });
  return { meter, twin: meter, advance: async (seconds) => clock.advance(seconds), close: async () => {} };
});
