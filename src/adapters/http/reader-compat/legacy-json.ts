import { isArrayValue, isDocument, type ReaderValue, type TypedValue } from '../../../domain/reader/reader-value.js';
import { toRelaxedJson, type JsonValue } from '../../../domain/reader/relaxed-json.js';

/**
 * A value as dj-mongo-reader wrote it (pymongo's `json_util` in its legacy mode): a date as
 * `{"$date": <milliseconds>}`, a regular expression as
 * `{"$regex", "$options"}`, binary data as `{"$binary", "$type"}`; ObjectIds, JSON's own types and
 * the rest as in relaxed Extended JSON (an int64 a number while it is exact as one). Page scripts written for it do arithmetic on `.$date`.
 */
export function toLegacyJson(value: ReaderValue): JsonValue {
  if (value === null || typeof value !== 'object') return toRelaxedJson(value);
  if (isArrayValue(value)) return value.map(toLegacyJson);
  if (isDocument(value)) {
    // defineProperty, not assignment: a stored field named "__proto__" stays a field.
    const object: { [key: string]: JsonValue } = {};
    for (const [key, inner] of value.entries) {
      Object.defineProperty(object, key, { value: toLegacyJson(inner), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  return legacyTyped(value);
}

function legacyTyped(value: TypedValue): JsonValue {
  switch (value.kind) {
    case 'date':
      return { $date: value.ms };
    case 'regex':
      return { $regex: value.pattern, $options: value.options };
    case 'binary':
      return { $binary: value.base64, $type: value.subType.toString(16).padStart(2, '0') };
    default:
      return toRelaxedJson(value);
  }
}
