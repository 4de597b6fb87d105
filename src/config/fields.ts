import { z } from 'zod';

/**
 * A whole number within bounds, written in decimal digits only (no blanks, sign, hex, exponent or
 * fraction, which JavaScript's Number would read), with one message for every way it can be wrong.
 */
export function wholeNumber(min: number, max: number, message: string) {
  const decimal = z
    .string()
    .regex(/^\d{1,16}$/, { error: message })
    .transform(Number);
  // A number itself is taken as it is: options given in code (ssoClient({ timeoutMs: 300 })) are numbers.
  return z
    .union([z.number(), decimal], { error: message })
    .pipe(z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }));
}

export const seconds = wholeNumber(1, Number.MAX_SAFE_INTEGER, 'accepts a whole number of seconds above 0');
export const milliseconds = wholeNumber(1, 3_600_000, 'accepts a whole number of milliseconds from 1 to 3600000');

export const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'accepts true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A variable that must be set when others have given values. */
export interface Requirement {
  readonly name: string;
  readonly when: (env: Readonly<Record<string, string>>) => boolean;
  readonly message: string;
}

/** Values that parse one by one but cannot go together; checked on the parsed configuration. */
export interface Conflict<Raw> {
  readonly name: string;
  readonly when: (raw: Raw) => boolean;
  readonly message: string;
}
