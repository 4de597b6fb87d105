/** Where the domain gets the time from; tests pass a fixed clock. */
export interface Clock {
  /** The current time in milliseconds since the UNIX epoch. */
  now(): number;
}
