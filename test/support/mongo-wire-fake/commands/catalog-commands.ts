import { CommandFailure, okReply } from '../command-failure.js';
import { canonical, sameValue } from '../document-values.js';
import { duplicateKeyFailure, type FakeCollection, type IndexSpec } from '../fake-catalog.js';
import { describeIndex, parseIndexSpec } from '../index-spec.js';
import { matching } from '../query-language.js';
import { storageStats } from '../storage-stats.js';
import { collectionName, optionalDocument, optionalNonNegative, requiredArray, type CommandSpec } from './command-context.js';
import { checkCollation, checkKnownFields } from './known-fields.js';

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

const createIndexes: CommandSpec = {
  fields: {
    // commitQuorum is parsed, then refused below as a standalone refuses it.
    honoured: ['indexes', 'commitQuorum'],
    refused: ['ignoreUnknownIndexOptions', 'isTimeseriesNamespace', 'collectionUUID', 'returnOnStart'],
  },
  writes: true,
  run: (command, context) => {
    // A standalone builds indexes alone: it refuses to be told how many members must agree.
    if (command.commitQuorum !== undefined) throw new CommandFailure('BadValue', "Standalones can't specify commitQuorum");
    const specs = requiredArray(command, 'indexes').map(parseIndexSpec);
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
  },
};

/** A cursor option document as listIndexes and listCollections take it. */
function cursorBatchSize(cursor: ReturnType<typeof optionalDocument>, command: string): number | undefined {
  if (!cursor) return undefined;
  checkKnownFields(`${command}.cursor`, cursor, { honoured: ['batchSize'] });
  return optionalNonNegative(cursor, 'batchSize');
}

const listIndexes: CommandSpec = {
  fields: {
    honoured: ['cursor'],
    refused: ['includeBuildUUIDs', 'includeIndexBuildInfo', 'isTimeseriesNamespace', 'collectionUUID'],
  },
  run: (command, context) => {
    const name = collectionName(command);
    const collection = context.catalog.find(context.db, name);
    if (!collection) throw new CommandFailure('NamespaceNotFound', `ns does not exist: ${context.db}.${name}`);
    const batchSize = cursorBatchSize(optionalDocument(command, 'cursor'), 'listIndexes');
    return context.cursors.firstBatch(collection.ns, collection.indexes.map(describeIndex), { batchSize });
  },
};

const listCollections: CommandSpec = {
  // authorizedCollections: the fake has no access control, so every collection is authorized.
  fields: { honoured: ['filter', 'cursor', 'nameOnly', 'authorizedCollections'], refused: ['includePendingDrops'] },
  run: (command, context) => {
    const entries = context.catalog.list(context.db).map((collection) => ({
      name: collection.name,
      type: 'collection',
      options: {},
      info: { readOnly: false, uuid: collection.uuid },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }));
    const selected = matching(entries, optionalDocument(command, 'filter') ?? {});
    const shown = command.nameOnly === true ? selected.map(({ name, type }) => ({ name, type })) : selected;
    const batchSize = cursorBatchSize(optionalDocument(command, 'cursor'), 'listCollections');
    return context.cursors.firstBatch(`${context.db}.$cmd.listCollections`, shown, { batchSize });
  },
};

/**
 * `listDatabases`, on the admin database only. Each database's sizeOnDisk is the fake's storage
 * approximation (its collections' storage and index sizes: see storage-stats.ts).
 */
const listDatabases: CommandSpec = {
  // authorizedDatabases: the fake has no access control, so every database is authorized.
  fields: { honoured: ['filter', 'nameOnly', 'authorizedDatabases'] },
  run: (command, context) => {
    if (context.db !== 'admin') {
      throw new CommandFailure('Unauthorized', 'listDatabases may only be run against the admin database.');
    }
    const entries = context.catalog.databaseNames().map((name) => {
      const sizeOnDisk = context.catalog
        .list(name)
        .reduce((sum, collection) => sum + Number(storageStats(collection, 1).totalSize), 0);
      return { name, sizeOnDisk, empty: false };
    });
    const selected = matching(entries, optionalDocument(command, 'filter') ?? {});
    if (command.nameOnly === true) return okReply({ databases: selected.map(({ name }) => ({ name })) });
    const totalSize = selected.reduce((sum, entry) => sum + Number(entry.sizeOnDisk), 0);
    return okReply({ databases: selected, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)) });
  },
};

const create: CommandSpec = {
  fields: {
    honoured: ['collation'],
    // Capped, validated, time-series, clustered collections and views behave in ways the fake does not reproduce.
    refused: [
      'capped',
      'autoIndexId',
      'idIndex',
      'size',
      'max',
      'storageEngine',
      'validator',
      'validationLevel',
      'validationAction',
      'indexOptionDefaults',
      'viewOn',
      'pipeline',
      'changeStreamPreAndPostImages',
      'timeseries',
      'clusteredIndex',
      'expireAfterSeconds',
      'encryptedFields',
      'flags',
      'recordPreImages',
      'temp',
    ],
  },
  writes: true,
  run: (command, context) => {
    checkCollation(command.collation, 'create');
    const { collection, created } = context.catalog.obtain(context.db, collectionName(command));
    if (!created) throw new CommandFailure('NamespaceExists', `Collection ${collection.ns} already exists.`);
    return okReply();
  },
};

// Since MongoDB 7.0, dropping a collection that does not exist succeeds.
const drop: CommandSpec = {
  fields: { honoured: [], refused: ['collectionUUID'] },
  writes: true,
  run: (command, context) => {
    const dropped = context.catalog.drop(context.db, collectionName(command));
    return okReply(dropped ? { nIndexesWas: dropped.indexes.length, ns: dropped.ns } : {});
  },
};

const dropDatabase: CommandSpec = {
  fields: { honoured: [] },
  writes: true,
  run: (_command, context) => {
    context.catalog.dropDatabase(context.db);
    return okReply({ dropped: context.db });
  },
};

export const catalogCommands: Record<string, CommandSpec> = {
  createIndexes,
  listIndexes,
  listCollections,
  listDatabases,
  create,
  drop,
  dropDatabase,
};
