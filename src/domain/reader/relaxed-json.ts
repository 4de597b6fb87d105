import { isArrayValue, isDocument, type ReaderValue, type TypedValue } from './reader-value.js';

/** A JSON value as JSON.stringify writes it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** BSON dates between these years are written as ISO strings in relaxed mode; others as a count of ms. */
const ISO_FROM = Date.UTC(1970, 0, 1);
const ISO_UNTIL = Date.UTC(10000, 0, 1);

/**
 * A value as relaxed Extended JSON v2: JSON's own types as they are, an int64 as a number while it
 * is exact as one (beyond 2^53 as `$numberLong`, where bson's relaxed mode would round it), a date
 * from 1970 to 9999 as `{"$date": "<ISO 8601>"}`, and the other types in their wrappers.
 */
export function toRelaxedJson(value: ReaderValue): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return relaxedDouble(value);
  if (isArrayValue(value)) return value.map(toRelaxedJson);
  if (isDocument(value)) {
    // defineProperty, not assignment: a stored field named "__proto__" stays a field.
    const object: { [key: string]: JsonValue } = {};
    for (const [key, inner] of value.entries) {
      Object.defineProperty(object, key, { value: toRelaxedJson(inner), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  return typed(value);
}

/**
 * The relaxed Extended JSON of a value, as text: what `JSON.stringify(toRelaxedJson(value))` gives,
 * written directly, since answering a find writes every document of it (half the time of building
 * the objects and stringifying them).
 */
export function relaxedText(value: ReaderValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number')
    return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : JSON.stringify(relaxedDouble(value));
  if (isArrayValue(value)) return `[${value.map(relaxedText).join(',')}]`;
  if (isDocument(value))
    return `{${value.entries.map(([key, inner]) => `${JSON.stringify(key)}:${relaxedText(inner)}`).join(',')}}`;
  return JSON.stringify(typed(value));
}

function typed(value: TypedValue): JsonValue {
  switch (value.kind) {
    case 'int32':
      return value.value;
    case 'int64':
      return isExact(value.value) ? Number(value.value) : { $numberLong: value.value.toString() };
    case 'decimal128':
      return { $numberDecimal: value.value };
    case 'objectId':
      return { $oid: value.hex };
    case 'date':
      return value.ms >= ISO_FROM && value.ms < ISO_UNTIL
        ? { $date: new Date(value.ms).toISOString().replace('.000Z', 'Z') }
        : { $date: { $numberLong: String(value.ms) } };
    case 'regex':
      return { $regularExpression: { pattern: value.pattern, options: value.options } };
    case 'binary':
      return { $binary: { base64: value.base64, subType: value.subType.toString(16).padStart(2, '0') } };
    case 'timestamp':
      return { $timestamp: { t: value.t, i: value.i } };
    case 'minKey':
      return { $minKey: 1 };
    case 'maxKey':
      return { $maxKey: 1 };
  }
}

function relaxedDouble(value: number): JsonValue {
  if (Number.isNaN(value)) return { $numberDouble: 'NaN' };
  if (value === Infinity) return { $numberDouble: 'Infinity' };
  if (value === -Infinity) return { $numberDouble: '-Infinity' };
  if (Object.is(value, -0)) return { $numberDouble: '-0.0' };
  return value;
}

function isExact(value: bigint): boolean {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
}
