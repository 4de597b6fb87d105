import { CommandFailure, notSupported } from '../command-failure.js';
import { checkHint } from '../hint.js';
import { runPipeline } from '../pipeline.js';
import { collectionName, optionalDocument, optionalNonNegative, requiredDocuments, type CommandSpec } from './command-context.js';
import { checkCollation, checkKnownFields } from './known-fields.js';
import { collStatsStage } from './stats-commands.js';

const aggregate: CommandSpec = {
  fields: {
    // allowDiskUse: the fake runs in memory without a limit. bypassDocumentValidation: it validates nothing.
    honoured: ['pipeline', 'cursor', 'allowDiskUse', 'hint', 'bypassDocumentValidation', 'collation'],
    refused: [
      'explain',
      'let',
      'collectionUUID',
      'needsMerge',
      'fromMongos',
      'fromRouter',
      'exchange',
      'runtimeConstants',
      'isMapReduceCommand',
      'encryptionInformation',
      '$_requestReshardingResumeToken',
      '$_generateV2ResumeTokens',
      '$_passthroughToShard',
      '$_requestResumeToken',
    ],
  },
  run: (command, context) => {
    if (typeof command.aggregate !== 'string') throw notSupported('A database-level aggregate (aggregate: 1)');
    checkCollation(command.collation, 'aggregate');
    const cursor = optionalDocument(command, 'cursor');
    if (!cursor) {
      throw new CommandFailure(
        'FailedToParse',
        "The 'cursor' option is required, except for aggregate with the explain argument",
      );
    }
    checkKnownFields('aggregate.cursor', cursor, { honoured: ['batchSize'] });
    const name = collectionName(command);
    const ns = `${context.db}.${name}`;
    const collection = context.catalog.find(context.db, name);
    checkHint(command.hint, collection);
    const [first, ...rest] = requiredDocuments(command, 'pipeline');
    const missing = [first, ...rest]
      .map((stage) => Object.keys(stage ?? {})[0])
      .find((stage) => stage !== undefined && context.missingStages.has(stage));
    if (missing) throw new CommandFailure('Location40324', `Unrecognized pipeline stage name: '${missing}'`);
    // $collStats reads the catalog, not the documents, and is only valid first.
    const results =
      first && Object.keys(first)[0] === '$collStats'
        ? runPipeline([collStatsStage(first.$collStats, ns, collection, context)], rest, context)
        : runPipeline(collection?.documents ?? [], first ? [first, ...rest] : [], context);
    return context.cursors.firstBatch(ns, results, { batchSize: optionalNonNegative(cursor, 'batchSize') });
  },
};

export const aggregateCommands: Record<string, CommandSpec> = { aggregate };
