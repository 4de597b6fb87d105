/** A plain decimal number of seconds: digits, an optional fraction. No sign, exponent, hex, blanks, nan or inf. */
const plainDecimal = /^\d{1,12}(\.\d{1,9})?$/;

/** A v1 `timestamp` as milliseconds since the epoch; null when it is not a plain decimal number. */
export function parseUnixSeconds(text: string): number | null {
  return plainDecimal.test(text) ? Number(text) * 1000 : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An ISO 8601 basic UTC date (`20261128T120000Z`) as milliseconds since the epoch; null when
 * malformed or not a real moment (a 30th of February, a 25th hour). Read character by character:
 * it runs on every v2 request.
 */
export function parseBasicIsoDate(text: string): number | null {
  if (text.length !== 16 || text.charCodeAt(8) !== 84 /* T */ || text.charCodeAt(15) !== 90 /* Z */) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 4, 2);
  const day = digits(text, 6, 2);
  const hour = digits(text, 9, 2);
  const minute = digits(text, 11, 2);
  const second = digits(text, 13, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  if (second < 0 || second > 59 || day > daysIn(year, month)) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The number the `count` decimal digits at `start` spell; -1 when one of them is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Formats milliseconds since the epoch as an ISO 8601 basic UTC date, to the second. */
export function formatBasicIsoDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** How far `at` lies from `now`, in whole seconds, rounded up. */
export function driftSeconds(now: number, at: number): number {
  return Math.ceil(Math.abs(now - at) / 1000);
}
