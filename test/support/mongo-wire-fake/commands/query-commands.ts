import { Long, type Document } from 'bson';
import { CommandFailure, okReply } from '../command-failure.js';
import { numberOf } from '../document-values.js';
import { checkHint, inHintedOrder } from '../hint.js';
import { matching, projected } from '../query-language.js';
import {
  collectionName,
  optionalDocument,
  optionalNonNegative,
  optionalNumber,
  requiredArray,
  type CommandContext,
  type CommandSpec,
} from './command-context.js';
import { checkCollation } from './known-fields.js';

/** The collection a read names, which may not exist (a read of a missing collection finds nothing). */
function readTarget(command: Document, context: CommandContext) {
  const name = collectionName(command);
  return { ns: `${context.db}.${name}`, collection: context.catalog.find(context.db, name) };
}

const find: CommandSpec = {
  fields: {
    // noCursorTimeout: the fake's cursors never time out. allowPartialResults: only shards can be partial.
    // allowDiskUse: the fake sorts in memory without a limit.
    honoured: [
      'filter',
      'projection',
      'sort',
      'hint',
      'skip',
      'limit',
      'batchSize',
      'singleBatch',
      'allowDiskUse',
      'noCursorTimeout',
      'allowPartialResults',
      'collation',
    ],
    refused: [
      'let',
      'max',
      'min',
      'returnKey',
      'showRecordId',
      'tailable',
      'oplogReplay',
      'awaitData',
      'readOnce',
      'allowSpeculativeMajorityRead',
      '$_requestResumeToken',
      '$_resumeAfter',
      'term',
      'encryptionInformation',
      'isTimeseriesNamespace',
    ],
  },
  run: (command, context) => {
    checkCollation(command.collation, 'find');
    const { ns, collection } = readTarget(command, context);
    const order = checkHint(command.hint, collection);
    const skip = optionalNonNegative(command, 'skip') ?? 0;
    const limit = optionalNonNegative(command, 'limit') ?? 0;
    const batchSize = optionalNonNegative(command, 'batchSize');
    const found = matching(
      inHintedOrder(collection?.documents ?? [], order),
      optionalDocument(command, 'filter') ?? {},
      optionalDocument(command, 'sort'),
    );
    const window = found.slice(skip, limit > 0 ? skip + limit : undefined);
    // Projecting after sorting lets a sort use a field the projection leaves out.
    const results = projected(window, optionalDocument(command, 'projection'));
    return context.cursors.firstBatch(ns, results, { batchSize, singleBatch: command.singleBatch === true });
  },
};

/** `count`, which `estimatedDocumentCount` sends without a query. */
const count: CommandSpec = {
  // `fields` is a legacy placeholder a real server accepts and ignores.
  fields: {
    honoured: ['query', 'limit', 'skip', 'hint', 'collation', 'fields'],
    refused: ['encryptionInformation', 'mirrored', 'sampleId'],
  },
  run: (command, context) => {
    checkCollation(command.collation, 'count');
    const { collection } = readTarget(command, context);
    checkHint(command.hint, collection);
    const skip = optionalNonNegative(command, 'skip') ?? 0;
    // A negative limit counts as its absolute value, a legacy the server keeps.
    const limit = Math.abs(optionalNumber(command, 'limit') ?? 0);
    const found = matching(collection?.documents ?? [], optionalDocument(command, 'query') ?? {}).slice(skip);
    return okReply({ n: limit > 0 ? Math.min(limit, found.length) : found.length });
  },
};

const getMore: CommandSpec = {
  fields: { honoured: ['collection', 'batchSize'], refused: ['term', 'lastKnownCommittedOpTime', 'includeQueryStatsMetrics'] },
  run: (command, context) => {
    const id = optionalNumber(command, 'getMore');
    if (id === undefined) throw new CommandFailure('TypeMismatch', "Field 'getMore' must be of type long");
    const collection: unknown = command.collection;
    if (typeof collection !== 'string') {
      throw new CommandFailure('Location40414', "BSON field 'getMore.collection' is missing but a required field");
    }
    // A server takes maxTimeMS on getMore only for tailable awaitData cursors, which the fake never opens.
    if (command.maxTimeMS !== undefined) {
      throw new CommandFailure('BadValue', 'cannot set maxTimeMS on getMore command for a non-awaitData cursor');
    }
    return context.cursors.nextBatch(id, `${context.db}.${collection}`, optionalNonNegative(command, 'batchSize'));
  },
};

const killCursors: CommandSpec = {
  fields: { honoured: ['cursors'] },
  run: (command, context) => {
    const ids = requiredArray(command, 'cursors').map((id) => {
      const number = numberOf(id);
      if (number === undefined) throw new CommandFailure('TypeMismatch', "BSON field 'killCursors.cursors' must hold longs");
      return number;
    });
    const { killed, notFound } = context.cursors.kill(`${context.db}.${collectionName(command)}`, ids);
    return okReply({
      cursorsKilled: killed.map((id) => Long.fromNumber(id)),
      cursorsNotFound: notFound.map((id) => Long.fromNumber(id)),
      cursorsAlive: [],
      cursorsUnknown: [],
    });
  },
};

export const queryCommands: Record<string, CommandSpec> = { find, count, getMore, killCursors };
