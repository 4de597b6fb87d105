/** A value's type with `readonly` taken off, for tests that try what the types forbid. */
export type Mutable<T> = { -readonly [Field in keyof T]: T[Field] };

/** Tries a change the types forbid; a frozen value throws, a copy takes it. Either way the store must not see it. */
export function attempt(change: () => void): void {
  try {
    change();
  } catch {
    // Refused by a frozen value: that is one of the two acceptable outcomes.
  }
}
