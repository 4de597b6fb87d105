import type { Document } from 'bson';
import { compareBson } from './bson-order.js';
import { CommandFailure, notSupported } from './command-failure.js';
import { isPlainObject, numberOf } from './document-values.js';

/** One field of a sort specification. */
interface SortField {
  readonly path: string;
  readonly direction: 1 | -1;
}

/** Reads a sort specification as a real server does: each value 1 or -1. */
export function parseSort(spec: Document): SortField[] {
  return Object.entries(spec).map(([path, value]) => {
    if (isPlainObject(value) && '$meta' in value) throw notSupported(`sorting by { $meta: ${String(value.$meta)} }`);
    const direction = numberOf(value);
    if (direction !== 1 && direction !== -1) {
      throw new CommandFailure('Location15975', '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
    }
    return { path, direction };
  });
}

/**
 * `documents` in the order a real server sorts them by `spec`: values compared in BSON order with
 * strings by their UTF-8 bytes. Ties keep their order in `documents`.
 */
export function sortDocuments<T extends Document>(documents: readonly T[], spec: Document | undefined): T[] {
  const fields = spec ? parseSort(spec) : [];
  if (fields.length === 0) return [...documents];
  const keyed = documents.map((document) => ({ document, keys: fields.map((field) => sortKey(document, field)) }));
  keyed.sort((a, b) => {
    for (const [index, field] of fields.entries()) {
      const order = compareBson(a.keys[index], b.keys[index]) * field.direction;
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map(({ document }) => document);
}

/**
 * The value a document sorts by for one field. Where the path meets arrays, every value it reaches
 * counts and the smallest (ascending) or largest (descending) wins; an element without the field
 * counts as null; a path ending on an empty array counts as undefined, below null, as on a server.
 */
function sortKey(document: Document, field: SortField): unknown {
  const candidates = valuesAt(document, field.path.split('.'));
  let best: unknown = candidates[0];
  for (const candidate of candidates.slice(1)) {
    if (compareBson(candidate, best) * field.direction < 0) best = candidate;
  }
  return best;
}

function valuesAt(value: unknown, steps: readonly string[]): unknown[] {
  const [step, ...rest] = steps;
  if (step === undefined) {
    if (!Array.isArray(value)) return [value ?? null];
    return value.length === 0 ? [undefined] : value;
  }
  if (Array.isArray(value)) {
    // A numeric step may name a position in the array, as well as a field of each element.
    const positional = /^\d+$/.test(step) && Number(step) < value.length ? valuesAt(value[Number(step)], rest) : [];
    const elementwise = value.filter((element) => isPlainObject(element)).flatMap((element) => valuesAt(element, steps));
    const found = [...positional, ...elementwise];
    return found.length > 0 ? found : [null];
  }
  if (isPlainObject(value)) return valuesAt(value[step], rest);
  return [null];
}
