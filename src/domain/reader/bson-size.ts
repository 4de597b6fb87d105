import { isArrayValue, isDocument, type ReaderDocument, type ReaderValue } from './reader-value.js';

/**
 * The size in bytes of a document's BSON encoding, as a server counts it in a collection's `size`:
 * an int32 length, each element's type byte, name and value, and a closing zero.
 */
export function bsonSize(document: ReaderDocument): number {
  return entriesSize(document.entries);
}

function entriesSize(entries: readonly (readonly [string, ReaderValue])[]): number {
  return entries.reduce((sum, [key, value]) => sum + 1 + cstringSize(key) + valueSize(value), 4 + 1);
}

function valueSize(value: ReaderValue): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 8;
  if (typeof value === 'string') return 4 + cstringSize(value);
  if (isArrayValue(value)) return entriesSize(value.map((item, index) => [String(index), item] as const));
  if (isDocument(value)) return bsonSize(value);
  switch (value.kind) {
    case 'int32':
      return 4;
    case 'int64':
    case 'date':
    case 'timestamp':
      return 8;
    case 'decimal128':
      return 16;
    case 'objectId':
      return 12;
    case 'regex':
      return cstringSize(value.pattern) + cstringSize(value.options);
    case 'binary':
      // Subtype 2, the old binary, holds its length twice.
      return 4 + 1 + Buffer.from(value.base64, 'base64').length + (value.subType === 2 ? 4 : 0);
    case 'minKey':
    case 'maxKey':
      return 0;
  }
}

function cstringSize(text: string): number {
  return Buffer.byteLength(text, 'utf8') + 1;
}
