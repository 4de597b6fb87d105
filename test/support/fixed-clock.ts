import type { Clock } from '../../src/domain/shared/clock.port.js';

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

/**
 * Runs `start` with `clock` set one second back, then puts the clock back: what it starts has been
 * running for a second, as a deployed service has, so its replay horizon (the first whole second
 * after it began) is not after the clock's time, and requests dated now are accepted without a wait.
 */
export async function startedASecondEarlier<T>(clock: FixedClock, start: () => T | Promise<T>): Promise<T> {
  const now = clock.now();
  clock.set(now - 1000);
  try {
    return await start();
  } finally {
    clock.set(now);
  }
}

/** What `build` makes with `clock` set one second back (see startedASecondEarlier), built at once. */
export function aSecondEarlier<T>(clock: FixedClock, build: () => T): T {
  const now = clock.now();
  clock.set(now - 1000);
  try {
    return build();
  } finally {
    clock.set(now);
  }
}
