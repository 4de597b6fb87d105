import { isArrayValue, isDocument, type ReaderDocument, type ReaderValue } from './reader-value.js';
import type { SortKey } from './sort-spec.js';
import { compareValues, type SortValue } from './value-order.js';

/**
 * `documents` in the order a MongoDB server sorts them by `sort`: values in BSON order, strings by
 * code point. Where a path meets arrays every value it reaches counts, the smallest winning an
 * ascending key and the largest a descending one; a missing field sorts as null, an empty array
 * below it. Ties keep their order.
 */
export function sortDocuments(documents: readonly ReaderDocument[], sort: readonly SortKey[]): ReaderDocument[] {
  if (sort.length === 0) return [...documents];
  const keyed = documents.map((document) => ({ document, keys: sortKeysOf(document, sort) }));
  keyed.sort((a, b) => compareSortKeys(a.keys, b.keys, sort));
  return keyed.map(({ document }) => document);
}

/** The value of each of `sort`'s keys in `document`, computed once so that comparisons only compare. */
export function sortKeysOf(document: ReaderDocument, sort: readonly SortKey[]): SortValue[] {
  return sort.map((key) => sortKeyOf(document, key));
}

/** Orders two documents by their precomputed keys (from `sortKeysOf` with the same `sort`); 0 for a tie. */
export function compareSortKeys(a: readonly SortValue[], b: readonly SortValue[], sort: readonly SortKey[]): number {
  for (const [index, key] of sort.entries()) {
    const order = compareValues(a[index], b[index]) * key.direction;
    if (order !== 0) return order;
  }
  return 0;
}

/** The value `document` sorts by under one key: where a path meets arrays, the first of what it reaches in the key's direction. */
export function sortKeyOf(document: ReaderDocument, key: SortKey): SortValue {
  const [first, ...others] = valuesAt(document, key.path.split('.'));
  let best = first;
  for (const candidate of others) if (compareValues(candidate, best) * key.direction < 0) best = candidate;
  return best;
}

function valuesAt(value: SortValue, steps: readonly string[]): SortValue[] {
  const [step, ...rest] = steps;
  if (step === undefined) {
    if (!isArrayValue(value)) return [value ?? null];
    return value.length === 0 ? [undefined] : [...value];
  }
  if (isArrayValue(value)) {
    const position = /^\d+$/.test(step) && Number(step) < value.length ? valuesAt(value[Number(step)], rest) : [];
    const elementwise = value.filter(isDocument).flatMap((element) => valuesAt(element, steps));
    const found = [...position, ...elementwise];
    return found.length > 0 ? found : [null];
  }
  if (isDocument(value)) return valuesAt(value.entries.find(([name]) => name === step)?.[1], rest);
  return [null];
}

/** The values a dotted path reaches in a document, looking through arrays; empty when it reaches none. */
export function valuesAtPath(document: ReaderDocument, path: string): ReaderValue[] {
  return reach(document, path.split('.'));
}

function reach(value: ReaderValue | undefined, steps: readonly string[]): ReaderValue[] {
  const [step, ...rest] = steps;
  if (value === undefined) return [];
  if (step === undefined) return [value];
  if (isArrayValue(value)) return value.filter(isDocument).flatMap((element) => reach(element, steps));
  if (isDocument(value)) return reach(value.entries.find(([name]) => name === step)?.[1], rest);
  return [];
}
