import type { Document, Sort } from 'mongodb';
import type { Projection } from '../../domain/reader/projection.js';
import type { ReaderDocument } from '../../domain/reader/reader-value.js';
import type { SortKey } from '../../domain/reader/sort-spec.js';
import { toBson } from './mongo-values.js';

/**
 * A reader document as the top of a command's filter or an inserted document: a plain object (the
 * driver's types want one; at the top, key order means nothing to a filter), nested documents as
 * ordered Maps. defineProperty, so that no key can reach the prototype.
 */
export function topLevel(document: ReaderDocument): Document {
  const result: Document = {};
  for (const [key, value] of document.entries) {
    Object.defineProperty(result, key, { value: toBson(value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** The sort in its order, as a Map: `{"10": 1, "a": 1}` as an object would sort on "10" first whatever was written. */
export function sortOf(sort: readonly SortKey[]): Sort | undefined {
  return sort.length === 0 ? undefined : new Map(sort.map((key) => [key.path, key.direction]));
}

/** A find projection; undefined for every field. */
export function projectionOf(projection: Projection): Document | undefined {
  const result: Document = {};
  const set = (path: string, value: 0 | 1) =>
    Object.defineProperty(result, path, { value, enumerable: true, writable: true, configurable: true });
  for (const path of projection.paths) set(path, projection.mode === 'include' ? 1 : 0);
  if (projection.mode === 'include' && !projection.withId) set('_id', 0);
  if (projection.mode === 'include' && projection.withId && projection.paths.length === 0) set('_id', 1);
  if (projection.mode === 'exclude' && !projection.withId) set('_id', 0);
  return Object.keys(result).length === 0 ? undefined : result;
}
