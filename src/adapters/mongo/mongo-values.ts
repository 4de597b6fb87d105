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
} from 'mongodb';
import { readerErrors } from '../../domain/reader/reader.errors.js';
import {
  isArrayValue,
  isDocument,
  type DocumentEntry,
  type ReaderValue,
  type TypedValue,
} from '../../domain/reader/reader-value.js';

/**
 * A reader value as the driver sends it, its BSON type kept. Documents become Maps, which the bson serializer writes in
 * their order: a plain object would put a key such as "10" first, changing a sort or an embedded
 * document's equality.
 */
export function toBson(value: ReaderValue): unknown {
  // A double stays a double: bson would write a whole JavaScript number as an int32.
  if (typeof value === 'number') return new Double(value);
  if (value === null || typeof value !== 'object') return value;
  if (isArrayValue(value)) return value.map(toBson);
  if (isDocument(value)) return new Map(value.entries.map(([key, inner]) => [key, toBson(inner)]));
  return typedToBson(value);
}

function typedToBson(value: TypedValue): unknown {
  switch (value.kind) {
    case 'int32':
      return new Int32(value.value);
    case 'int64':
      return Long.fromBigInt(value.value);
    case 'decimal128':
      try {
        return Decimal128.fromString(value.value);
      } catch (error) {
        throw readerErrors.badInput(`bad Extended JSON: $numberDecimal ${value.value} is not a decimal128 (${String(error)})`);
      }
    case 'objectId':
      return ObjectId.createFromHexString(value.hex);
    case 'date':
      return new Date(value.ms);
    case 'regex':
      return new BSONRegExp(value.pattern, value.options);
    case 'binary':
      return new Binary(Buffer.from(value.base64, 'base64'), value.subType);
    case 'timestamp':
      return new Timestamp({ t: value.t, i: value.i });
    case 'minKey':
      return new MinKey();
    case 'maxKey':
      return new MaxKey();
  }
}

/**
 * A value the driver read (with promoteValues off, so that int32, int64 and doubles keep their
 * types, and bsonRegExp on, so that a pattern JavaScript cannot compile still reads) as a reader
 * value. Deprecated types read as their nearest: a symbol as a string, undefined as null, code as
 * `{"$code": ...}`, a DBRef as the document it is stored as.
 */
export function fromBson(value: unknown): ReaderValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return { kind: 'int64', value };
  if (Array.isArray(value)) return value.map(fromBson);
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? { kind: 'date', ms: value.getTime() } : null;
  if (value instanceof Int32) return { kind: 'int32', value: value.valueOf() };
  if (value instanceof Double) return value.valueOf();
  // Timestamp extends Long in the bson library: test it first.
  if (value instanceof Timestamp) return { kind: 'timestamp', t: value.t, i: value.i };
  if (value instanceof Long) return { kind: 'int64', value: value.toBigInt() };
  if (value instanceof Decimal128) return { kind: 'decimal128', value: value.toString() };
  if (value instanceof ObjectId) return { kind: 'objectId', hex: value.toHexString() };
  if (value instanceof BSONRegExp) return { kind: 'regex', pattern: value.pattern, options: value.options };
  if (value instanceof RegExp) return { kind: 'regex', pattern: value.source, options: value.flags };
  if (value instanceof Binary)
    return { kind: 'binary', base64: Buffer.from(value.buffer).toString('base64'), subType: value.sub_type };
  if (value instanceof MinKey) return { kind: 'minKey' };
  if (value instanceof MaxKey) return { kind: 'maxKey' };
  if (value instanceof BSONSymbol) return value.valueOf();
  if (value instanceof Code) return { kind: 'document', entries: codeEntries(value) };
  if (value instanceof DBRef) return fromBson(value.toJSON());
  if (value instanceof Map)
    return { kind: 'document', entries: [...value.entries()].map(([key, inner]) => [String(key), fromBson(inner)] as const) };
  if (typeof value === 'object')
    return { kind: 'document', entries: Object.entries(value).map(([key, inner]) => [key, fromBson(inner)] as const) };
  return null;
}

function codeEntries(code: Code): DocumentEntry[] {
  const entries: DocumentEntry[] = [['$code', code.code]];
  if (code.scope) entries.push(['$scope', fromBson(code.scope)]);
  return entries;
}
