import type { Document } from 'bson';
import { find as runFind } from 'mingo';
import type { Options } from 'mingo/types';
import { CommandFailure, notSupported } from './command-failure.js';
import { isPlainObject } from './document-values.js';
import { sortDocuments } from './sort-documents.js';

/**
 * mingo runs JavaScript for `$where`, `$function` and `$accumulator` unless told not to. A server
 * runs it in its own engine; the fake would run it in the test process, differently: it refuses.
 */
export const mingoOptions: Partial<Options> = { scriptEnabled: false };

/**
 * Operators the fake refuses wherever they appear: those that run JavaScript, and those that need
 * an index mingo does not have (text and geospatial searches), whose answers mingo would only guess.
 */
const refusedOperators: ReadonlyMap<string, string> = new Map([
  ['$where', '$where (it would run JavaScript)'],
  ['$function', '$function (it would run JavaScript)'],
  ['$accumulator', '$accumulator (it would run JavaScript)'],
  ['$text', '$text (it needs a text index)'],
  ['$near', '$near (it needs a geospatial index)'],
  ['$nearSphere', '$nearSphere (it needs a geospatial index)'],
]);

/** Throws when `value` (a filter, an expression, a pipeline) uses an operator the fake refuses, at any depth. */
export function refuseUnservedOperators(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) refuseUnservedOperators(item);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const refusal = refusedOperators.get(key);
    if (refusal) throw notSupported(refusal);
    refuseUnservedOperators(inner);
  }
}

/** Runs `run`, turning mingo's errors (plain Errors) into BadValue failures as a server reports a bad query. */
export function withQueryErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CommandFailure) throw error;
    throw new CommandFailure('BadValue', error instanceof Error ? error.message : String(error));
  }
}

/** The documents matching `filter`, in the order given or sorted by `sort` as a real server sorts. */
export function matching(documents: readonly Document[], filter: Document, sort?: Document): Document[] {
  refuseUnservedOperators(filter);
  const found = withQueryErrors(() => runFind<Document>([...documents], filter, undefined, mingoOptions).all());
  return sortDocuments(found, sort);
}

/** `documents` with a find-style projection applied. */
export function projected(documents: Document[], projection: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return documents;
  refuseUnservedOperators(projection);
  return withQueryErrors(() => runFind<Document>(documents, {}, projection, mingoOptions).all());
}
