/**
 * A BSON value as the reader's domain holds it, without the bson package: JSON's own values, a
 * document as ordered entries (a JavaScript object would move keys such as "10" to the front, and
 * the order of a sort or of an embedded document matters), and a tagged object for each BSON type
 * JSON lacks. A plain number is a double.
 */
export type ReaderValue = null | boolean | string | number | readonly ReaderValue[] | ReaderDocument | TypedValue;

export type DocumentEntry = readonly [key: string, value: ReaderValue];

export interface ReaderDocument {
  readonly kind: 'document';
  readonly entries: readonly DocumentEntry[];
}

export type TypedValue =
  | { readonly kind: 'int32'; readonly value: number }
  | { readonly kind: 'int64'; readonly value: bigint }
  | { readonly kind: 'decimal128'; readonly value: string }
  | { readonly kind: 'objectId'; readonly hex: string }
  /** Milliseconds since the epoch, within JavaScript's Date range. */
  | { readonly kind: 'date'; readonly ms: number }
  | { readonly kind: 'regex'; readonly pattern: string; readonly options: string }
  | { readonly kind: 'binary'; readonly base64: string; readonly subType: number }
  | { readonly kind: 'timestamp'; readonly t: number; readonly i: number }
  | { readonly kind: 'minKey' }
  | { readonly kind: 'maxKey' };

export const EMPTY_DOCUMENT: ReaderDocument = { kind: 'document', entries: [] };

export function documentOf(entries: readonly DocumentEntry[]): ReaderDocument {
  return { kind: 'document', entries };
}

export function isDocument(value: ReaderValue | undefined): value is ReaderDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value && value.kind === 'document';
}

export function isArrayValue(value: ReaderValue | undefined): value is readonly ReaderValue[] {
  return Array.isArray(value);
}

export function isTyped(value: ReaderValue): value is TypedValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value && value.kind !== 'document';
}

/** The value under `key`; undefined when the document has no such field. */
export function fieldOf(document: ReaderDocument, key: string): ReaderValue | undefined {
  return document.entries.find(([name]) => name === key)?.[1];
}

export const int32 = (value: number): TypedValue => ({ kind: 'int32', value });
export const objectId = (hex: string): TypedValue => ({ kind: 'objectId', hex });
export const date = (ms: number): TypedValue => ({ kind: 'date', ms });

/** MongoDB's alias for the value's BSON type, as `$type` and the field overview name it. */
export function typeAlias(value: ReaderValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'double';
  if (isArrayValue(value)) return 'array';
  return aliases[value.kind];
}

const aliases: Readonly<Record<ReaderDocument['kind'] | TypedValue['kind'], string>> = {
  document: 'object',
  int32: 'int',
  int64: 'long',
  decimal128: 'decimal',
  objectId: 'objectId',
  date: 'date',
  regex: 'regex',
  binary: 'binData',
  timestamp: 'timestamp',
  minKey: 'minKey',
  maxKey: 'maxKey',
};
