import { EJSON, type Document } from 'bson';
import { CommandFailure, notSupported } from './command-failure.js';
import { isPlainObject, numberOf } from './document-values.js';
import type { IndexSpec } from './fake-catalog.js';

/**
 * Index options a real server knows besides those the fake honours. The fake refuses each rather
 * than store an index that claims what it does not do: no TTL deletion, no sparse or partial
 * entries, no text or geo index, no hidden index, no collation.
 */
const refusedOptions = new Set([
  'v',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'storageEngine',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'collation',
  'wildcardProjection',
  'coarsestIndexedLevel',
  'finestIndexedLevel',
  'hidden',
  'prepareUnique',
  'clustered',
  'columnstoreProjection',
  'columnstoreCompressor',
]);

/**
 * Reads one entry of `createIndexes.indexes`. The fake honours `key` (ascending or descending
 * fields), `name` and `unique`; `background` is accepted and ignored, as servers since 4.2 do.
 */
export function parseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) throw new CommandFailure('TypeMismatch', 'Each index specification must be an object');
  for (const field of Object.keys(raw)) {
    if (['key', 'name', 'unique', 'background'].includes(field)) continue;
    if (refusedOptions.has(field)) throw notSupported(`The index option '${field}'`);
    throw new CommandFailure(
      'InvalidIndexSpecificationOption',
      `The field '${field}' is not valid for an index specification. Specification: ${EJSON.stringify(raw)}`,
    );
  }
  if (!isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new CommandFailure('FailedToParse', "The 'key' field of an index specification must be a non-empty object");
  }
  for (const [field, direction] of Object.entries(raw.key)) checkKeyDirection(field, direction);
  if (typeof raw.name !== 'string' || raw.name.length === 0) {
    throw new CommandFailure('FailedToParse', "The 'name' field of an index specification must be a non-empty string");
  }
  if (raw.unique !== undefined && typeof raw.unique !== 'boolean') {
    throw new CommandFailure('TypeMismatch', "The field 'unique' must be a boolean");
  }
  return { name: raw.name, key: raw.key, unique: raw.unique === true };
}

// Index types ('text', '2dsphere', 'hashed', ...) need an index structure the fake does not keep.
function checkKeyDirection(field: string, direction: unknown): void {
  if (typeof direction === 'string') throw notSupported(`A '${direction}' index (on ${field})`);
  const number = numberOf(direction);
  if (number === undefined || number === 0 || Number.isNaN(number)) {
    throw new CommandFailure(
      'CannotCreateIndex',
      `Values in the index key pattern can only be positive numbers, negative numbers, or strings: ${field}`,
    );
  }
}

/** The index as `listIndexes` shows it. */
export function describeIndex(index: IndexSpec): Document {
  return { v: 2, key: index.key, name: index.name, ...(index.unique && index.name !== '_id_' ? { unique: true } : {}) };
}
