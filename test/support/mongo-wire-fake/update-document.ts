import { ObjectId, type Document } from 'bson';
import { update as applyOperators } from 'mingo';
import { CommandFailure } from './command-failure.js';
import { cloneDocument, isPlainObject, sameValue, setPath } from './document-values.js';

const modifiers = new Set([
  '$addToSet',
  '$bit',
  '$currentDate',
  '$inc',
  '$max',
  '$min',
  '$mul',
  '$pop',
  '$pull',
  '$pullAll',
  '$push',
  '$rename',
  '$set',
  '$setOnInsert',
  '$unset',
]);

/** The new version of `existing` after update `u` (operators or a replacement); `existing` is left as is. */
export function updatedDocument(existing: Document, u: unknown, arrayFilters?: Document[]): Document {
  const spec = checkUpdate(u);
  if (isReplacement(spec)) {
    if ('_id' in spec && !sameValue(spec._id, existing._id)) throw immutableId();
    const { _id: _ignored, ...fields } = spec;
    return { _id: existing._id, ...fields };
  }
  const { $setOnInsert: _onlyOnInsert, ...operators } = spec;
  const next = cloneDocument(existing);
  runOperators(next, operators, arrayFilters);
  if (!sameValue(next._id, existing._id)) throw immutableId();
  return next;
}

/** The document an upsert inserts when nothing matched `q`: the equality fields of `q`, then `u`. */
export function upsertedDocument(q: Document, u: unknown, arrayFilters?: Document[]): Document {
  const spec = checkUpdate(u);
  const seed: Document = {};
  collectEqualities(q, seed);
  let document: Document;
  if (isReplacement(spec)) {
    document = { ...spec };
    if (!('_id' in document) && '_id' in seed) document._id = seed._id;
  } else {
    const { $setOnInsert, $set, ...rest } = spec;
    // On insert, $setOnInsert is just more $set.
    const setFields = { ...(isPlainObject($set) ? $set : {}), ...(isPlainObject($setOnInsert) ? $setOnInsert : {}) };
    document = seed;
    runOperators(document, { ...rest, $set: setFields }, arrayFilters);
  }
  const { _id, ...fields } = document;
  return { _id: _id === undefined ? new ObjectId() : _id, ...fields };
}

function checkUpdate(u: unknown): Document {
  if (Array.isArray(u)) {
    throw new CommandFailure('FailedToParse', 'pipeline-style updates are not supported by this test server');
  }
  if (!isPlainObject(u)) throw new CommandFailure('TypeMismatch', 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length > 0 && operators.length < keys.length) {
    throw new CommandFailure('FailedToParse', 'Update document mixes operators and plain fields');
  }
  for (const operator of operators) {
    if (!modifiers.has(operator)) {
      throw new CommandFailure(
        'FailedToParse',
        `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
  }
  return u;
}

function isReplacement(spec: Document): boolean {
  return !Object.keys(spec).some((key) => key.startsWith('$'));
}

function runOperators(document: Document, operators: Document, arrayFilters?: Document[]): void {
  const present = Object.fromEntries(
    Object.entries(operators).filter(([, value]) => isPlainObject(value) && Object.keys(value).length > 0),
  );
  try {
    applyOperators(document, present, arrayFilters);
  } catch (error) {
    throw new CommandFailure('BadValue', error instanceof Error ? error.message : String(error));
  }
}

function collectEqualities(q: Document, into: Document): void {
  for (const [key, value] of Object.entries(q)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) collectEqualities(clause, into);
    } else if (key.startsWith('$')) {
      continue;
    } else if (isPlainObject(value) && Object.keys(value).some((inner) => inner.startsWith('$'))) {
      if ('$eq' in value) setPath(into, key, value.$eq);
    } else {
      setPath(into, key, value);
    }
  }
}

function immutableId(): CommandFailure {
  return new CommandFailure('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
}
