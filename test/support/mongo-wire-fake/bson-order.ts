import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  DBRef,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';

/**
 * How a real server orders values of different BSON types (its canonical type order): numbers of
 * every width compare together, strings and symbols too. An empty array, in a sort key, stands
 * for "undefined", below null.
 */
const enum Rank {
  MinKey = -1,
  Undefined = 0,
  Null = 5,
  Number = 10,
  String = 15,
  Object = 20,
  Array = 25,
  Binary = 30,
  ObjectId = 35,
  Boolean = 40,
  Date = 45,
  Timestamp = 47,
  RegExp = 50,
  DBRef = 55,
  Code = 60,
  MaxKey = 127,
}

function rankOf(value: unknown): Rank {
  if (value === undefined) return Rank.Undefined;
  if (value === null) return Rank.Null;
  if (typeof value === 'number' || typeof value === 'bigint') return Rank.Number;
  if (typeof value === 'string') return Rank.String;
  if (typeof value === 'boolean') return Rank.Boolean;
  if (Array.isArray(value)) return Rank.Array;
  if (value instanceof Date) return Rank.Date;
  if (value instanceof RegExp || value instanceof BSONRegExp) return Rank.RegExp;
  if (value instanceof MinKey) return Rank.MinKey;
  if (value instanceof MaxKey) return Rank.MaxKey;
  // Timestamp extends Long in the bson library: test it first.
  if (value instanceof Timestamp) return Rank.Timestamp;
  if (value instanceof Long || value instanceof Int32 || value instanceof Double || value instanceof Decimal128) {
    return Rank.Number;
  }
  if (value instanceof BSONSymbol) return Rank.String;
  if (value instanceof Binary) return Rank.Binary;
  if (value instanceof ObjectId) return Rank.ObjectId;
  if (value instanceof DBRef) return Rank.DBRef;
  if (value instanceof Code) return Rank.Code;
  return Rank.Object;
}

/** -1, 0 or 1 as `a` sorts before, with or after `b` on a real server (binary collation). */
export function compareBson(a: unknown, b: unknown): number {
  const rankA = rankOf(a);
  const rankB = rankOf(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  if (rankA === Rank.Number) return compareNumbers(numeric(a), numeric(b));
  if (rankA === Rank.String) return compareUtf8(stringOf(a), stringOf(b));
  if (rankA === Rank.Boolean) return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (a instanceof Timestamp && b instanceof Timestamp) return compareTimestamps(a, b);
  if (a instanceof Binary && b instanceof Binary) return compareBinary(a, b);
  if (a instanceof ObjectId && b instanceof ObjectId) return Buffer.compare(a.id, b.id);
  if (a instanceof Code && b instanceof Code) return compareUtf8(a.code, b.code);
  if (a instanceof DBRef && b instanceof DBRef) return compareBson(a.toJSON(), b.toJSON());
  if (isRegExp(a) && isRegExp(b)) return compareRegExps(a, b);
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    // Documents and arrays alike: arrays are documents whose field names are their indexes.
    return compareEntries(Object.entries(a), Object.entries(b));
  }
  // MinKey, MaxKey, undefined and null each hold a single value.
  return 0;
}

function isRegExp(value: unknown): value is RegExp | BSONRegExp {
  return value instanceof RegExp || value instanceof BSONRegExp;
}

/**
 * Strings compare by their UTF-8 bytes, as MongoDB's binary collation does. JavaScript's `<`
 * compares UTF-16 code units instead, which puts characters above U+FFFF (surrogate pairs)
 * before U+E000–U+FFFF: the opposite of MongoDB.
 */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function stringOf(value: unknown): string {
  return value instanceof BSONSymbol ? value.valueOf() : String(value);
}

function compareEntries(a: Array<[string, unknown]>, b: Array<[string, unknown]>): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const [nameA, valueA] = a[index] as [string, unknown];
    const [nameB, valueB] = b[index] as [string, unknown];
    // A real server compares each element's type, then its name, then its value.
    const byRank = Math.sign(rankOf(valueA) - rankOf(valueB));
    if (byRank !== 0) return byRank;
    const byName = compareUtf8(nameA, nameB);
    if (byName !== 0) return byName;
    const byValue = compareBson(valueA, valueB);
    if (byValue !== 0) return byValue;
  }
  return Math.sign(a.length - b.length);
}

function compareBinary(a: Binary, b: Binary): number {
  if (a.length() !== b.length()) return a.length() < b.length() ? -1 : 1;
  if (a.sub_type !== b.sub_type) return a.sub_type < b.sub_type ? -1 : 1;
  return Buffer.compare(a.value(), b.value());
}

function compareTimestamps(a: Timestamp, b: Timestamp): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  return Math.sign(a.i - b.i);
}

function compareRegExps(a: RegExp | BSONRegExp, b: RegExp | BSONRegExp): number {
  const [patternA, flagsA] = a instanceof RegExp ? [a.source, a.flags] : [a.pattern, a.options];
  const [patternB, flagsB] = b instanceof RegExp ? [b.source, b.flags] : [b.pattern, b.options];
  return compareUtf8(patternA, patternB) || compareUtf8(flagsA, flagsB);
}

/** A number exactly when it fits a double, a bigint for int64 values beyond 2^53. */
function numeric(value: unknown): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (value instanceof Long) {
    return value.lessThanOrEqual(Long.fromNumber(Number.MAX_SAFE_INTEGER)) &&
      value.greaterThanOrEqual(Long.fromNumber(Number.MIN_SAFE_INTEGER))
      ? value.toNumber()
      : value.toBigInt();
  }
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  // Decimal128 beyond a double's precision is not told apart here; the fake stores none itself.
  if (value instanceof Decimal128) return Number(value.toString());
  return Number.NaN;
}

/** NaN sorts below every other number, as on a real server; otherwise numeric order across widths. */
function compareNumbers(a: number | bigint, b: number | bigint): number {
  const nanA = typeof a === 'number' && Number.isNaN(a);
  const nanB = typeof b === 'number' && Number.isNaN(b);
  if (nanA || nanB) return nanA === nanB ? 0 : nanA ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  // One bigint beyond 2^53, one double: an infinite double is beyond it, a finite one compares exactly as a bigint.
  const [big, double, sign] = typeof a === 'bigint' ? [a, Number(b), 1] : [BigInt(b), a, -1];
  if (!Number.isFinite(double)) return double > 0 ? -sign : sign;
  const whole = BigInt(Math.trunc(double));
  if (big !== whole) return big < whole ? -sign : sign;
  const fraction = double - Math.trunc(double);
  return fraction === 0 ? 0 : fraction > 0 ? -sign : sign;
}
