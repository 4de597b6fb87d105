import {
  documentOf,
  isArrayValue,
  isDocument,
  type DocumentEntry,
  type ReaderDocument,
  type ReaderValue,
} from './reader-value.js';

export const maskKinds = ['email', 'last4'] as const;
/**
 * How a masked field is shown: `email` keeps the first character and the domain
 * (`ada@example.com` as `a***@example.com`), `last4` the last four characters (`***4567`).
 */
export type MaskKind = (typeof maskKinds)[number];

/** A field a policy rule masks, and how. */
export interface FieldMask {
  readonly path: string;
  readonly kind: MaskKind;
}

/** What replaces a value that cannot be shown in part: one too short, or not a string at all. */
export const MASKED = '***';

/**
 * A value masked. A string is masked by its kind, counting characters as code points; a string
 * too short to show any part of (an email without a local part, four characters or fewer for
 * `last4`) and any value that is not a string (a number, a date, a document, an array) become
 * `***`; null stays null. The source computes the same in its query (a MongoDB aggregation's
 * expression), so the value in clear never leaves it; this is that computation, for the memory source.
 */
export function maskValue(value: ReaderValue, kind: MaskKind): ReaderValue {
  if (value === null) return null;
  if (typeof value !== 'string') return MASKED;
  // Code points, not graphemes: what MongoDB's $strLenCP and $substrCP count.
  const characters = Array.from(value);
  if (kind === 'last4') return characters.length > 4 ? MASKED + characters.slice(-4).join('') : MASKED;
  const at = characters.indexOf('@');
  return at > 0 ? `${characters[0] ?? ''}${MASKED}${characters.slice(at).join('')}` : MASKED;
}

/**
 * A document with each mask applied as MongoDB's `$addFields: {"<path>": <mask of "$<path>">}`
 * applies it: a missing field stays missing; a path that reaches into an array reads as the array
 * (so `***`), written into each element of it.
 */
export function applyMasks(document: ReaderDocument, masks: readonly FieldMask[] | undefined): ReaderDocument {
  if (!masks || masks.length === 0) return document;
  return masks.reduce((masked, mask) => {
    const found = valueAtPath(masked, mask.path.split('.'));
    return found === undefined ? masked : setPath(masked, mask.path.split('.'), maskValue(found, mask.kind));
  }, document);
}

/** The value at a path as an aggregation expression reads it: undefined when missing, any array on the way as an array. */
function valueAtPath(value: ReaderValue, steps: readonly string[]): ReaderValue | undefined {
  const [step, ...rest] = steps;
  if (step === undefined) return value;
  if (isArrayValue(value)) return [];
  if (!isDocument(value)) return undefined;
  const inner = value.entries.find(([key]) => key === step)?.[1];
  return inner === undefined ? undefined : valueAtPath(inner, rest);
}

function setPath(document: ReaderDocument, steps: readonly string[], value: ReaderValue): ReaderDocument {
  const [step, ...rest] = steps;
  if (step === undefined) return document;
  const placed = (inner: ReaderValue): ReaderValue => (rest.length === 0 ? value : setInside(inner, rest, value));
  const entries: DocumentEntry[] = document.entries.map(([key, inner]) => (key === step ? [key, placed(inner)] : [key, inner]));
  // Inside an array, an element without the field gets it, as $addFields gives it to each element.
  if (!document.entries.some(([key]) => key === step)) entries.push([step, placed(documentOf([]))]);
  return documentOf(entries);
}

function setInside(inner: ReaderValue, rest: readonly string[], value: ReaderValue): ReaderValue {
  if (isArrayValue(inner)) return inner.map((element) => setInside(element, rest, value));
  if (isDocument(inner)) return setPath(inner, rest, value);
  return inner;
}
