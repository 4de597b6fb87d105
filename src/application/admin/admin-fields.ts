import { z } from 'zod';
import { RATE_LIMIT_BOUNDS, ROTATION_GRACE } from '../../domain/api-auth/key-lifecycle.js';

/** The fields admin inputs are made of, each with the message a person sees when it is wrong. */

export const apiKeyField = z
  .string({ error: 'is required' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is an API key: 1 to 64 letters, digits, - or _' });

export const entryPointField = z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(300);

export const noteField = z.string({ error: 'is text' }).max(500, { error: 'is at most 500 characters' });

/** An existing user, to bind a key to: any username the directory may hold. */
export const boundUserField = z.string({ error: 'is a username' }).min(1, { error: 'is a username' }).max(150);

/** A new username, by Django's rule: letters, digits and @ . + - _, at most 150. */
export const newUsernameField = z
  .string({ error: 'is required' })
  .regex(/^[\w.@+-]{1,150}$/, { error: 'is 1 to 150 letters, digits and @ . + - _' });

export const passwordField = z
  .string({ error: 'is required' })
  .min(8, { error: 'is at least 8 characters' })
  .max(1024, { error: 'is at most 1024 characters' });

export const hostField = z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(300);

export const rateLimitField = z
  .number({ error: `is a whole number of requests a minute from ${RATE_LIMIT_BOUNDS.min} to ${RATE_LIMIT_BOUNDS.max}` })
  .int({ error: `is a whole number of requests a minute from ${RATE_LIMIT_BOUNDS.min} to ${RATE_LIMIT_BOUNDS.max}` })
  .min(RATE_LIMIT_BOUNDS.min, { error: `is at least ${RATE_LIMIT_BOUNDS.min}` })
  .max(RATE_LIMIT_BOUNDS.max, { error: `is at most ${RATE_LIMIT_BOUNDS.max}` });

export const graceField = z
  .number({ error: `is a whole number of seconds from ${ROTATION_GRACE.minSeconds} to ${ROTATION_GRACE.maxSeconds}` })
  .int({ error: `is a whole number of seconds from ${ROTATION_GRACE.minSeconds} to ${ROTATION_GRACE.maxSeconds}` })
  .min(ROTATION_GRACE.minSeconds, { error: `is at least ${ROTATION_GRACE.minSeconds} seconds (1 minute)` })
  .max(ROTATION_GRACE.maxSeconds, { error: `is at most ${ROTATION_GRACE.maxSeconds} seconds (24 hours)` });

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `2027-01-31` (midnight UTC) or an ISO 8601 date and time with its offset, as ms since the epoch; null when neither. */
export function parseInstant(text: string): number | null {
  const date = dateOnly.exec(text);
  if (date) {
    const [year, month, day] = date.slice(1).map(Number) as [number, number, number];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms : null;
  }
  if (!dateTime.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

const instantMessage = 'is a date (2027-01-31) or an ISO 8601 time with its offset (2027-01-31T12:00:00Z), or ms since the epoch';

/** A time given as ms since the epoch, a date, or an ISO 8601 date and time; read as ms since the epoch. */
export const instantField = z.union(
  [
    z.number().int().min(0).max(8_640_000_000_000_000),
    z.string().transform((text, context) => {
      const ms = parseInstant(text);
      if (ms === null) {
        context.addIssue({ code: 'custom', message: instantMessage });
        return z.NEVER;
      }
      return ms;
    }),
  ],
  { error: instantMessage },
);

/** A whole number given as a number, or as its decimal digits (a query string has only text). */
export function wholeNumberField(min: number, max: number) {
  const message = `is a whole number from ${min} to ${max}`;
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^\d{1,15}$/, { error: message })
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number().int({ error: message }).min(min, { error: message }).max(max, { error: message }));
}
