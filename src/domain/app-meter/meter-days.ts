/** How many days the meter reports: today (UTC) and the 29 before it. */
export const METER_DAYS = 30;

/**
 * How long a day's counts are kept after their first login: a day stays readable for the whole
 * window (the oldest day read is 29 days back) whatever the hour of its first login.
 */
export const METER_RETENTION_SECONDS = 31 * 24 * 60 * 60;

/**
 * At most this many users are named per app, protocol and day; logins of further users that day
 * are counted, not named. It bounds what the meter keeps whatever the number of users.
 */
export const USERS_NAMED_PER_DAY = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of a time (ms since the epoch), as `2026-12-08`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The days the meter reports at `now`: today (UTC) first, then each day before it, METER_DAYS in all. */
export function meterWindow(now: number): string[] {
  return Array.from({ length: METER_DAYS }, (_, back) => utcDay(now - back * DAY_MS));
}
