import { withoutPaths } from './field-path.js';
import type { Projection } from './projection.js';
import { isArrayValue, isDocument, type DocumentEntry, type ReaderDocument, type ReaderValue } from './reader-value.js';

/**
 * A document as a MongoDB find projection returns it, for sources that project themselves. Fields
 * keep the document's order; including `a.b` keeps `a` as an object holding only `b` (in each
 * element, where `a` is an array of objects, other elements dropped).
 */
export function applyProjection(document: ReaderDocument, projection: Projection): ReaderDocument {
  if (projection.mode === 'exclude') {
    const kept = withoutPaths(document, projection.paths);
    return projection.withId ? kept : withoutPaths(kept, ['_id']);
  }
  const entries: DocumentEntry[] = [];
  for (const [key, value] of document.entries) {
    if (key === '_id' && !projection.paths.some((path) => path.split('.')[0] === '_id')) {
      if (projection.withId) entries.push([key, value]);
      continue;
    }
    const inner = projection.paths.filter((path) => path === key || path.startsWith(`${key}.`));
    if (inner.length === 0) continue;
    if (inner.includes(key)) entries.push([key, value]);
    else {
      const projected = within(
        value,
        inner.map((path) => path.slice(key.length + 1)),
      );
      if (projected !== undefined) entries.push([key, projected]);
    }
  }
  return { kind: 'document', entries };
}

function within(value: ReaderValue, paths: readonly string[]): ReaderValue | undefined {
  const nested: Projection = { mode: 'include', paths, withId: false };
  if (isDocument(value)) return applyProjection(value, nested);
  if (isArrayValue(value))
    return value.filter((item) => isDocument(item) || isArrayValue(item)).map((item) => within(item, paths) ?? null);
  return undefined;
}
