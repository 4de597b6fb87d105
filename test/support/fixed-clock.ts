import type { Clock } from '../../src/domain/ports/clock.port.js';

/** A clock that only moves when a test moves it. */
export class FixedClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 10, 28, 12, 0, 0)) {}

  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `seconds` (fractions allowed). */
  advance(seconds: number): void {
    this.current += seconds * 1000;
  }

  set(ms: number): void {
    this.current = ms;
  }
}
