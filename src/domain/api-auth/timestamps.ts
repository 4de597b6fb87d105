/** A plain decimal number of seconds: digits, an optional fraction. No sign, exponent, hex, blanks, nan or inf. */
const plainDecimal = /^\d{1,12}(\.\d{1,9})?$/;

/** A v1 `timestamp` as milliseconds since the epoch; null when it is not a plain decimal number. */
export function parseUnixSeconds(text: string): number | null {
  return plainDecimal.test(text) ? Number(text) * 1000 : null;
}

const basicIso = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** An ISO 8601 basic UTC date (`20261128T120000Z`) as milliseconds since the epoch; null when malformed. */
export function parseBasicIsoDate(text: string): number | null {
  const match = basicIso.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return ms;
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
