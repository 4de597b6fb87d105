import { checkFieldPath, pathsOverlap } from './field-path.js';
import { refuseCodeOperators } from './operator-check.js';
import { readerErrors } from './reader.errors.js';
import type { ReaderDocument, ReaderValue } from './reader-value.js';
import { numberOf } from './operator-arguments.js';

/**
 * Which fields come back: `include` names the only ones (and `_id`, unless it is left out), `exclude`
 * the ones left out. MongoDB's inclusion-or-exclusion rule holds: the two mix only for `_id`.
 */
export interface Projection {
  readonly mode: 'include' | 'exclude';
  readonly paths: readonly string[];
  /** Whether `_id` comes back; true unless the projection says `"_id": 0`. */
  readonly withId: boolean;
}

/** Every field of the document. */
export const ALL_FIELDS: Projection = { mode: 'exclude', paths: [], withId: true };

/** Reads a find projection whose values are 0, 1, true or false; `what` names the parameter. */
export function parseProjection(document: ReaderDocument, what: string): Projection {
  refuseCodeOperators(document);
  const included: string[] = [];
  const excluded: string[] = [];
  let withId = true;
  for (const [key, value] of document.entries) {
    const path = checkFieldPath(key, what);
    const include = flag(value, `${what}: ${key} takes 0, 1, true or false`);
    if (path === '_id') withId = include;
    else (include ? included : excluded).push(path);
  }
  if (included.length > 0 && excluded.length > 0) {
    throw readerErrors.badInput(`${what}: fields cannot be both included and excluded (only _id may differ)`);
  }
  const paths = included.length > 0 ? included : excluded;
  refuseCollisions(paths, what);
  // `{"_id": 1}` alone asks for the id and nothing else.
  const onlyId = excluded.length === 0 && withId && document.entries.some(([key]) => key === '_id');
  const mode = included.length > 0 || onlyId ? 'include' : 'exclude';
  return { mode, paths, withId };
}

function flag(value: ReaderValue, problem: string): boolean {
  if (value === true || numberOf(value) === 1) return true;
  if (value === false || numberOf(value) === 0) return false;
  throw readerErrors.badInput(problem);
}

/** `{"a": 1, "a.b": 1}` is a path collision on a server; refused here for every source. */
function refuseCollisions(paths: readonly string[], what: string): void {
  paths.forEach((path, index) => {
    const other = paths.slice(index + 1).find((candidate) => pathsOverlap(candidate, path));
    if (other !== undefined) throw readerErrors.badInput(`${what}: ${path} and ${other} collide (one lies inside the other)`);
  });
}

/** The projection a source is given: hidden fields excluded where the mode allows it. */
export function excluding(projection: Projection, hidden: readonly string[]): Projection {
  if (projection.mode === 'include' || hidden.length === 0) return projection;
  const kept = projection.paths.filter((path) => !hidden.some((secret) => pathsOverlap(path, secret)));
  const withId = projection.withId && !hidden.includes('_id');
  return { mode: 'exclude', paths: [...kept, ...hidden.filter((path) => path !== '_id')], withId };
}
