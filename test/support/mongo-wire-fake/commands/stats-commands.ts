import type { Document } from 'bson';
import { CommandFailure, notSupported, okReply } from '../command-failure.js';
import { isPlainObject } from '../document-values.js';
import type { FakeCollection } from '../fake-catalog.js';
import { missingCollectionStats, storageStats } from '../storage-stats.js';
import { collectionName, optionalNumber, type CommandContext, type CommandSpec } from './command-context.js';
import { checkKnownFields, type FieldList } from './known-fields.js';

/** The options of storage statistics, as both `collStats` and `$collStats.storageStats` take them. */
const storageStatsFields: FieldList = {
  // waitForLock: the fake takes no locks. numericOnly: the fake reports only numbers anyway.
  honoured: ['scale', 'verbose', 'waitForLock', 'numericOnly'],
};

/** The scale of a storage statistics request; `verbose: true` asks for storage engine details the fake has not. */
function scaleOf(spec: Document, path: string): number {
  if (spec.verbose === true) throw notSupported(`BSON field '${path}.verbose' set to true`);
  const scale = optionalNumber(spec, 'scale') ?? 1;
  if (scale < 1) throw new CommandFailure('Location51024', `BSON field 'scale' value must be >= 1, actual value '${scale}'`);
  return Math.trunc(scale);
}

/** The legacy `collStats` command: the storage statistics at the top level, zeros for a missing collection. */
const collStats: CommandSpec = {
  fields: storageStatsFields,
  run: (command, context) => {
    const name = collectionName(command);
    const scale = scaleOf(command, 'collStats');
    const collection = context.catalog.find(context.db, name);
    const stats = collection ? storageStats(collection, scale) : missingCollectionStats(scale);
    return okReply({ ns: `${context.db}.${name}`, ...stats });
  },
};

export const statsCommands: Record<string, CommandSpec> = { collStats };

/**
 * The one document a `$collStats` first stage produces: `{ ns, host, localTime }` plus what the
 * spec asks for. `latencyStats` and `queryExecStats` count operations, which the fake does not.
 */
export function collStatsStage(
  spec: unknown,
  ns: string,
  collection: FakeCollection | undefined,
  context: CommandContext,
): Document {
  if (!isPlainObject(spec))
    throw new CommandFailure('FailedToParse', '$collStats must take a nested object but found a different type');
  checkKnownFields('$collStats', spec, { honoured: ['storageStats', 'count'], refused: ['latencyStats', 'queryExecStats'] });
  const output: Document = { ns, host: context.host, localTime: new Date() };
  if (spec.storageStats !== undefined) {
    if (!isPlainObject(spec.storageStats))
      throw new CommandFailure('TypeMismatch', "BSON field '$collStats.storageStats' is the wrong type");
    checkKnownFields('$collStats.storageStats', spec.storageStats, storageStatsFields);
    const scale = scaleOf(spec.storageStats, '$collStats.storageStats');
    if (!collection) throw missingCollection('storageStats', ns);
    output.storageStats = storageStats(collection, scale);
  }
  if (spec.count !== undefined) {
    if (!collection) throw missingCollection('count', ns);
    output.count = collection.documents.length;
  }
  return output;
}

function missingCollection(what: string, ns: string): CommandFailure {
  return new CommandFailure(
    'NamespaceNotFound',
    `PlanExecutor error during aggregation :: caused by :: Unable to retrieve ${what} in $collStats stage :: caused by :: Collection [${ns}] not found.`,
  );
}
