import { isArrayValue, isDocument, type ReaderValue, type TypedValue } from './reader-value.js';

/** A value in a sort key; `undefined` is what an empty array sorts as: below null. */
export type SortValue = ReaderValue | undefined;

/** MongoDB's canonical order of types: numbers of every width compare together. */
function rank(value: SortValue): number {
  if (value === undefined) return 0;
  if (value === null) return 5;
  if (typeof value === 'number') return 10;
  if (typeof value === 'string') return 15;
  if (typeof value === 'boolean') return 40;
  if (isArrayValue(value)) return 25;
  if (isDocument(value)) return 20;
  return typedRanks[value.kind];
}

const typedRanks: Readonly<Record<TypedValue['kind'], number>> = {
  minKey: -1,
  int32: 10,
  int64: 10,
  decimal128: 10,
  binary: 30,
  objectId: 35,
  date: 45,
  timestamp: 47,
  regex: 50,
  maxKey: 127,
};

/** -1, 0 or 1 as `a` sorts before, with or after `b` on a MongoDB server with the simple collation. */
export function compareValues(a: SortValue, b: SortValue): number {
  const byRank = Math.sign(rank(a) - rank(b));
  if (byRank !== 0 || a === undefined || a === null || b === undefined || b === null) return byRank;
  if (rank(a) === 10) return compareNumbers(numeric(a), numeric(b));
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (isArrayValue(a) && isArrayValue(b))
    return compareEntries(
      a.map((item, i) => [String(i), item]),
      b.map((item, i) => [String(i), item]),
    );
  if (isDocument(a) && isDocument(b)) return compareEntries(a.entries, b.entries);
  if (
    typeof a === 'object' &&
    typeof b === 'object' &&
    !isArrayValue(a) &&
    !isArrayValue(b) &&
    !isDocument(a) &&
    !isDocument(b)
  ) {
    return compareTyped(a, b);
  }
  return 0;
}

/** Strings by code point, which is the order of their UTF-8 bytes (JavaScript's `<` compares UTF-16 units instead). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(j) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

function compareEntries(a: readonly (readonly [string, ReaderValue])[], b: readonly (readonly [string, ReaderValue])[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const [nameA, valueA] = a[index] ?? ['', null];
    const [nameB, valueB] = b[index] ?? ['', null];
    const order = Math.sign(rank(valueA) - rank(valueB)) || compareText(nameA, nameB) || compareValues(valueA, valueB);
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

function compareTyped(a: TypedValue, b: TypedValue): number {
  if (a.kind === 'objectId' && b.kind === 'objectId') return compareText(a.hex, b.hex);
  if (a.kind === 'date' && b.kind === 'date') return Math.sign(a.ms - b.ms);
  if (a.kind === 'timestamp' && b.kind === 'timestamp') return Math.sign(a.t - b.t) || Math.sign(a.i - b.i);
  if (a.kind === 'regex' && b.kind === 'regex') return compareText(a.pattern, b.pattern) || compareText(a.options, b.options);
  if (a.kind === 'binary' && b.kind === 'binary') {
    const [bytesA, bytesB] = [Buffer.from(a.base64, 'base64'), Buffer.from(b.base64, 'base64')];
    return Math.sign(bytesA.length - bytesB.length) || Math.sign(a.subType - b.subType) || Buffer.compare(bytesA, bytesB);
  }
  return 0;
}

function numeric(value: ReaderValue): number | bigint {
  if (typeof value === 'number') return value;
  if (typeof value !== 'object' || value === null || isArrayValue(value) || isDocument(value)) return NaN;
  if (value.kind === 'int32') return value.value;
  if (value.kind === 'int64') return Number.isSafeInteger(Number(value.value)) ? Number(value.value) : value.value;
  if (value.kind === 'decimal128') return Number(value.value);
  return NaN;
}

/** NaN below every number; int64 beyond 2^53 compared exactly against doubles. */
function compareNumbers(a: number | bigint, b: number | bigint): number {
  const nanA = typeof a === 'number' && Number.isNaN(a);
  const nanB = typeof b === 'number' && Number.isNaN(b);
  if (nanA || nanB) return nanA === nanB ? 0 : nanA ? -1 : 1;
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  const [big, double, sign] = typeof a === 'bigint' ? [a, Number(b), 1] : [BigInt(b), a, -1];
  if (!Number.isFinite(double)) return double > 0 ? -sign : sign;
  const whole = BigInt(Math.trunc(double));
  if (big !== whole) return big < whole ? -sign : sign;
  const fraction = double - Math.trunc(double);
  return fraction === 0 ? 0 : fraction > 0 ? -sign : sign;
}
