import type { JsonNode, JsonObject } from './json-text.js';
import { readerErrors } from './reader.errors.js';
import type { ReaderValue } from './reader-value.js';

/** JavaScript's Date range: a BSON date outside it cannot be shown or compared here. */
const MAX_DATE_MS = 8.64e15;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL = /^-?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|Infinity|Inf|NaN)$/;
const UUID = /^[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/;
/** An ISO 8601 date, or date and time with a zone: a time without a zone would read differently per server. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

type WrapperReader = (value: JsonNode, object: JsonObject) => ReaderValue;

/**
 * The type wrappers of Extended JSON v2, canonical and relaxed (and the legacy `$binary` with
 * `$type`), each read from an object whose only key is the wrapper's. `$regex` is absent on
 * purpose: in a query it is the operator, which is what people mean by it.
 */
export const wrapperReaders: Readonly<Record<string, WrapperReader>> = {
  $oid: (value) => ({ kind: 'objectId', hex: text(value, /^[0-9a-fA-F]{24}$/, '$oid', '24 hexadecimal digits').toLowerCase() }),
  $date: (value) => ({ kind: 'date', ms: dateMs(value) }),
  $numberInt: (value) => {
    const number = Number(text(value, /^-?\d{1,10}$/, '$numberInt', 'a 32-bit integer in a string'));
    if (number < -(2 ** 31) || number >= 2 ** 31) throw bad('$numberInt', 'a 32-bit integer in a string');
    return { kind: 'int32', value: number };
  },
  $numberLong: (value) => ({ kind: 'int64', value: int64(value, '$numberLong') }),
  $numberDouble: (value) => {
    const written = text(value, /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|-?Infinity|NaN)$/, '$numberDouble', 'a number in a string');
    return Number(written);
  },
  $numberDecimal: (value) => {
    const written = text(value, DECIMAL, '$numberDecimal', 'a decimal number in a string');
    if (
      written
        .replace(/^-/, '')
        .replace(/[eE].*$/, '')
        .replace('.', '')
        .replace(/^0+/, '').length > 34
    ) {
      throw bad('$numberDecimal', 'at most 34 significant digits');
    }
    return { kind: 'decimal128', value: written };
  },
  $regularExpression: (value) => {
    const { pattern, options } = members(value, '$regularExpression', ['pattern', 'options']);
    if (typeof pattern !== 'string' || typeof options !== 'string' || !/^[imxslu]*$/.test(options)) {
      throw bad('$regularExpression', '{"pattern": "...", "options": letters of "ilmsux"}');
    }
    return { kind: 'regex', pattern, options: [...new Set(options)].sort().join('') };
  },
  $binary: (value, object) => {
    if (typeof value === 'string') return binary(value, object.entries[1]?.[1], '$type');
    const { base64, subType } = members(value, '$binary', ['base64', 'subType']);
    return binary(base64, subType, '$binary.subType');
  },
  $uuid: (value) => {
    const hex = text(value, UUID, '$uuid', 'a UUID such as 00112233-4455-6677-8899-aabbccddeeff').replaceAll('-', '');
    return { kind: 'binary', base64: Buffer.from(hex, 'hex').toString('base64'), subType: 4 };
  },
  $timestamp: (value) => {
    const { t, i } = members(value, '$timestamp', ['t', 'i']);
    return { kind: 'timestamp', t: uint32(t, '$timestamp.t'), i: uint32(i, '$timestamp.i') };
  },
  $minKey: (value) => (isOne(value) ? { kind: 'minKey' } : fail('$minKey', '1')),
  $maxKey: (value) => (isOne(value) ? { kind: 'maxKey' } : fail('$maxKey', '1')),
};

/** Keys a wrapper may have besides its own: only the legacy `$binary` takes a second one. */
export function wrapperKeys(key: string, value: JsonNode): readonly string[] {
  return key === '$binary' && typeof value === 'string' ? ['$binary', '$type'] : [key];
}

/** Wrappers of types that hold JavaScript, or that are deprecated: refused by name. */
export const refusedWrappers: Readonly<Record<string, string>> = {
  $code: 'it holds JavaScript',
  $scope: 'it holds JavaScript',
  $symbol: 'it is deprecated',
  $dbPointer: 'it is deprecated',
  $undefined: 'it is deprecated',
};

function dateMs(value: JsonNode): number {
  let ms: number;
  if (typeof value === 'string') {
    if (!ISO_DATE.test(value)) throw bad('$date', 'an ISO 8601 date with a zone, such as 2024-05-01T12:00:00Z');
    ms = Date.parse(value);
  } else if (isNumber(value)) {
    ms = Number(value.text);
  } else {
    ms = Number(int64(members(value, '$date', ['$numberLong']).$numberLong ?? null, '$date.$numberLong'));
  }
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > MAX_DATE_MS) throw bad('$date', 'a date within years -271821 to 275760');
  return ms;
}

function int64(value: JsonNode, what: string): bigint {
  const digits = text(value, /^-?\d{1,19}$/, what, 'a 64-bit integer in a string');
  const number = BigInt(digits);
  if (number < INT64_MIN || number > INT64_MAX) throw bad(what, 'a 64-bit integer in a string');
  return number;
}

function binary(base64: JsonNode | undefined, subType: JsonNode | undefined, subTypeName: string): ReaderValue {
  const data = text(base64 ?? null, /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, '$binary', 'base64 text');
  const type = text(subType ?? null, /^[0-9a-fA-F]{1,2}$/, subTypeName, 'one or two hexadecimal digits');
  return { kind: 'binary', base64: data, subType: parseInt(type, 16) };
}

function uint32(value: JsonNode | undefined, what: string): number {
  const number = isNumber(value) ? Number(value.text) : NaN;
  if (!Number.isInteger(number) || number < 0 || number > 0xffffffff) throw bad(what, 'a whole number from 0 to 4294967295');
  return number;
}

/** The members of a wrapper's object value, which must be exactly `names`. */
function members(value: JsonNode, what: string, names: readonly string[]): Record<string, JsonNode | undefined> {
  const entries = isObject(value) ? value.entries : [];
  if (entries.length !== names.length || !entries.every(([key]) => names.includes(key))) {
    throw bad(what, `an object with exactly ${names.map((name) => `"${name}"`).join(' and ')}`);
  }
  return Object.fromEntries(entries);
}

function text(value: JsonNode, pattern: RegExp, what: string, expected: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw bad(what, expected);
  return value;
}

const isOne = (value: JsonNode): boolean => isNumber(value) && Number(value.text) === 1;
const isNumber = (value: JsonNode | undefined): value is { kind: 'number'; text: string } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value && value.kind === 'number';
const isObject = (value: JsonNode): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value && value.kind === 'object';

function bad(what: string, expected: string): Error {
  return readerErrors.badInput(`bad Extended JSON: ${what} takes ${expected}`);
}

function fail(what: string, expected: string): never {
  throw bad(what, expected);
}
