import { checkFieldPath } from './field-path.js';
import { numberOf } from './operator-arguments.js';
import { refuseCodeOperators } from './operator-check.js';
import { readerErrors } from './reader.errors.js';
import type { ReaderDocument } from './reader-value.js';

/** One key of a sort, in order of precedence. */
export interface SortKey {
  readonly path: string;
  readonly direction: 1 | -1;
}

/** A server refuses a sort on more keys than this. */
const MAX_SORT_KEYS = 32;

/** Reads a sort document (`{"name": -1, "age": 1}`), its key order kept. */
export function parseSort(document: ReaderDocument): SortKey[] {
  refuseCodeOperators(document);
  if (document.entries.length > MAX_SORT_KEYS) throw readerErrors.badInput(`sort: at most ${MAX_SORT_KEYS} keys`);
  const keys = document.entries.map(([key, value]): SortKey => {
    const direction = numberOf(value);
    if (direction !== 1 && direction !== -1) throw readerErrors.badInput(`sort: ${key} takes 1 or -1`);
    return { path: checkFieldPath(key, 'sort'), direction };
  });
  return keys;
}
