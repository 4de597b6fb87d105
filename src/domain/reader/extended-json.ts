import { refusedWrappers, wrapperKeys, wrapperReaders } from './extended-json-wrappers.js';
import { DEFAULT_JSON_BOUNDS, isJsonArray, parseJsonText, type JsonBounds, type JsonNode, type JsonObject } from './json-text.js';
import { readerErrors } from './reader.errors.js';
import { isDocument, type ReaderDocument, type ReaderValue } from './reader-value.js';

/**
 * Reads MongoDB Extended JSON (v2, canonical or relaxed) into the reader's values: `{"$oid": ...}`,
 * `{"$date": ...}`, `{"$numberLong": ...}` and the other type wrappers become typed values, every
 * other object a document, keys and their order kept. A plain JSON number is read as the
 * specification says: an integer as an int32, or an int64 when it needs one (from its text, so
 * exactly, where JSON.parse would round beyond 2^53), anything else as a double. Throws a
 * bad-input ReaderError naming `what`.
 */
export function parseExtendedJson(text: string, what: string, bounds: JsonBounds = DEFAULT_JSON_BOUNDS): ReaderValue {
  return fromJson(parseJsonText(text, what, bounds), what);
}

/** Extended JSON that must be a document (criteria, sort, a projection). */
export function parseExtendedJsonDocument(text: string, what: string, bounds: JsonBounds = DEFAULT_JSON_BOUNDS): ReaderDocument {
  const value = parseExtendedJson(text, what, bounds);
  if (!isDocument(value)) throw readerErrors.badInput(`${what} must be a JSON object`);
  return value;
}

function fromJson(node: JsonNode, what: string): ReaderValue {
  if (node === null || typeof node === 'boolean' || typeof node === 'string') return node;
  if (isJsonArray(node)) return node.map((item) => fromJson(item, what));
  if (node.kind === 'number') return numberOf(node.text, what);
  return fromObject(node, what);
}

function fromObject(object: JsonObject, what: string): ReaderValue {
  const [first] = object.entries;
  if (first) {
    const [key, value] = first;
    const reader = Object.hasOwn(wrapperReaders, key) ? wrapperReaders[key] : undefined;
    if (reader) {
      const allowed = wrapperKeys(key, value);
      const extra = object.entries.find(([name]) => !allowed.includes(name));
      if (extra || object.entries.length !== allowed.length) {
        throw readerErrors.badInput(
          `bad Extended JSON in ${what}: ${key} takes no other key${extra ? ` (found ${extra[0]})` : ''}`,
        );
      }
      return reader(value, object);
    }
  }
  for (const [key] of object.entries) {
    const reason = Object.hasOwn(refusedWrappers, key) ? refusedWrappers[key] : undefined;
    if (reason) throw readerErrors.badInput(`Extended JSON type ${key} is not supported: ${reason}`);
  }
  return { kind: 'document', entries: object.entries.map(([key, value]) => [key, fromJson(value, what)] as const) };
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function numberOf(text: string, what: string): ReaderValue {
  if (/^-?\d+$/.test(text)) {
    const integer = BigInt(text);
    if (integer >= INT32_MIN && integer <= INT32_MAX) return { kind: 'int32', value: Number(integer) };
    if (integer >= INT64_MIN && integer <= INT64_MAX) return { kind: 'int64', value: integer };
    throw readerErrors.badInput(
      `${what}: the integer ${text} does not fit 64 bits (write {"$numberDouble": "${text}"} for a double)`,
    );
  }
  const number = Number(text);
  if (!Number.isFinite(number)) {
    throw readerErrors.badInput(`${what}: the number ${text} is out of range (write {"$numberDouble": "Infinity"} for infinity)`);
  }
  return number;
}
