import type { Clock } from '../../domain/shared/clock.port.js';

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
