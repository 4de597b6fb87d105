import { readerErrors } from './reader.errors.js';
import { isArrayValue, isDocument, type ReaderDocument, type ReaderValue } from './reader-value.js';

/**
 * Checks a dotted field path as a sort, a projection or a policy names it: no empty step, no step
 * starting with `$` (that would be an operator), no NUL. Returns it.
 */
export function checkFieldPath(path: string, what: string): string {
  const bad = path.split('.').some((step) => step === '' || step.startsWith('$')) || path.includes('\0');
  if (bad) throw readerErrors.badInput(`${what}: "${path}" is not a field path (dotted names, none empty or starting with $)`);
  return path;
}

/** The path's steps without array positions: `a.0.b` reaches what `a.b` names. */
function steps(path: string): string[] {
  return path.split('.').filter((step) => !/^\d+$/.test(step));
}

/** True when `path` is `ancestor` or lies inside it (array positions ignored). */
export function isWithin(path: string, ancestor: string): boolean {
  const inner = steps(path);
  const outer = steps(ancestor);
  return outer.length <= inner.length && outer.every((step, index) => step === inner[index]);
}

/** True when either path lies inside the other: reading one reveals something of the other. */
export function pathsOverlap(a: string, b: string): boolean {
  return isWithin(a, b) || isWithin(b, a);
}

/** The document without the fields at `paths`, looking through arrays as MongoDB paths do. */
export function withoutPaths(document: ReaderDocument, paths: readonly string[]): ReaderDocument {
  return paths.reduce<ReaderDocument>((current, path) => removePath(current, path.split('.')), document);
}

function removePath(document: ReaderDocument, path: readonly string[]): ReaderDocument {
  const [first, ...rest] = path;
  if (first === undefined) return document;
  const entries = document.entries.flatMap(([key, value]) => {
    if (key !== first) return [[key, value] as const];
    if (rest.length === 0) return [];
    return [[key, removeInside(value, rest)] as const];
  });
  return { kind: 'document', entries };
}

function removeInside(value: ReaderValue, path: readonly string[]): ReaderValue {
  if (isDocument(value)) return removePath(value, path);
  if (isArrayValue(value)) return value.map((item) => removeInside(item, path));
  return value;
}
