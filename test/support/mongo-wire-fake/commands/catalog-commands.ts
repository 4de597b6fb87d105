import type { Document } from 'bson';
import { CommandFailure, okReply } from '../command-failure.js';
import { canonical, isPlainObject, sameValue } from '../document-values.js';
import { duplicateKeyFailure, type FakeCollection, type IndexSpec } from '../fake-catalog.js';
import { collectionName, optionalDocument, optionalNumber, requiredArray, type CommandHandler } from './command-context.js';
import { matching } from './query-commands.js';

function indexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new CommandFailure('FailedToParse', "The 'key' field of an index specification must be a non-empty object");
  }
  if (typeof raw.name !== 'string' || raw.name.length === 0) {
    throw new CommandFailure('FailedToParse', "The 'name' field of an index specification must be a non-empty string");
  }
  return { name: raw.name, key: raw.key, unique: raw.unique === true };
}

/** Adds the index, or does nothing when an identical one exists; refuses conflicting ones as a server does. */
function addIndex(collection: FakeCollection, wanted: IndexSpec): void {
  const sameName = collection.indexes.find((index) => index.name === wanted.name);
  if (sameName) {
    if (!sameValue(sameName.key, wanted.key)) {
      throw new CommandFailure(
        'IndexKeySpecsConflict',
        'An existing index has the same name as the requested index. ' +
          `Requested index: ${canonical(wanted.key)}, existing index: ${canonical(sameName.key)}`,
      );
    }
    if (sameName.unique !== wanted.unique) {
      throw new CommandFailure(
        'IndexOptionsConflict',
        `An existing index has the same name but different options: ${wanted.name}`,
      );
    }
    return;
  }
  const sameKey = collection.indexes.find((index) => sameValue(index.key, wanted.key));
  if (sameKey) {
    throw new CommandFailure('IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`);
  }
  const duplicate = wanted.unique ? collection.duplicateWithin(wanted) : undefined;
  if (duplicate) throw duplicateKeyFailure(collection, duplicate);
  collection.indexes.push(wanted);
}

const createIndexes: CommandHandler = (command, context) => {
  const specs = requiredArray(command, 'indexes').map(indexSpec);
  const { collection, created } = context.catalog.obtain(context.db, collectionName(command));
  const numIndexesBefore = collection.indexes.length;
  for (const spec of specs) addIndex(collection, spec);
  const numIndexesAfter = collection.indexes.length;
  return okReply({
    numIndexesBefore,
    numIndexesAfter,
    createdCollectionAutomatically: created,
    ...(numIndexesAfter === numIndexesBefore ? { note: 'all indexes already exist' } : {}),
  });
};

function batchSizeOf(command: Document): number | undefined {
  const cursor = optionalDocument(command, 'cursor');
  return cursor ? optionalNumber(cursor, 'batchSize') : undefined;
}

const listIndexes: CommandHandler = (command, context) => {
  const name = collectionName(command);
  const collection = context.catalog.find(context.db, name);
  if (!collection) throw new CommandFailure('NamespaceNotFound', `ns does not exist: ${context.db}.${name}`);
  const indexes = collection.indexes.map((index) => ({
    v: 2,
    key: index.key,
    name: index.name,
    ...(index.unique && index.name !== '_id_' ? { unique: true } : {}),
  }));
  return context.cursors.firstBatch(collection.ns, indexes, { batchSize: batchSizeOf(command) });
};

const listCollections: CommandHandler = (command, context) => {
  const entries = context.catalog.list(context.db).map((collection) => ({
    name: collection.name,
    type: 'collection',
    options: {},
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  }));
  const selected = matching(entries, optionalDocument(command, 'filter') ?? {});
  const shown = command.nameOnly === true ? selected.map(({ name, type }) => ({ name, type })) : selected;
  return context.cursors.firstBatch(`${context.db}.$cmd.listCollections`, shown, { batchSize: batchSizeOf(command) });
};

const create: CommandHandler = (command, context) => {
  const { collection, created } = context.catalog.obtain(context.db, collectionName(command));
  if (!created) throw new CommandFailure('NamespaceExists', `Collection ${collection.ns} already exists.`);
  return okReply();
};

// Since MongoDB 7.0, dropping a collection that does not exist succeeds.
const drop: CommandHandler = (command, context) => {
  const dropped = context.catalog.drop(context.db, collectionName(command));
  return okReply(dropped ? { nIndexesWas: dropped.indexes.length, ns: dropped.ns } : {});
};

const dropDatabase: CommandHandler = (_command, context) => {
  context.catalog.dropDatabase(context.db);
  return okReply({ dropped: context.db });
};

export const catalogCommands: Record<string, CommandHandler> = {
  createIndexes,
  listIndexes,
  listCollections,
  create,
  drop,
  dropDatabase,
};
