import { Long, type Document } from 'bson';
import { aggregate as runPipeline, find as runFind } from 'mingo';
import { CommandFailure, okReply } from '../command-failure.js';
import { cloneDocument } from '../document-values.js';
import {
  collectionName,
  optionalDocument,
  optionalNumber,
  requiredArray,
  type CommandContext,
  type CommandHandler,
} from './command-context.js';

/** The stored documents matching `filter` (in `sort` order if given), as mingo evaluates MongoDB's query language. */
export function matching(documents: Document[], filter: Document, sort?: Document): Document[] {
  return withQueryErrors(() => {
    const cursor = runFind(documents, filter);
    return (sort && Object.keys(sort).length > 0 ? cursor.sort(sort) : cursor).all() as Document[];
  });
}

/** `documents` with a find-style projection applied. */
export function projected(documents: Document[], projection: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return documents;
  return withQueryErrors(() => runFind(documents, {}, projection).all() as Document[]);
}

function withQueryErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CommandFailure) throw error;
    throw new CommandFailure('BadValue', error instanceof Error ? error.message : String(error));
  }
}

function storedDocuments(command: Document, context: CommandContext): { ns: string; documents: Document[] } {
  const name = collectionName(command);
  return { ns: `${context.db}.${name}`, documents: context.catalog.find(context.db, name)?.documents ?? [] };
}

const find: CommandHandler = (command, context) => {
  const { ns, documents } = storedDocuments(command, context);
  const filter = optionalDocument(command, 'filter') ?? {};
  const sort = optionalDocument(command, 'sort');
  const projection = optionalDocument(command, 'projection');
  const skip = optionalNumber(command, 'skip') ?? 0;
  let limit = optionalNumber(command, 'limit') ?? 0;
  let singleBatch = command.singleBatch === true;
  // A negative limit is the legacy way to ask for a single batch.
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const results = withQueryErrors(() => {
    let cursor = runFind(documents, filter);
    if (sort && Object.keys(sort).length > 0) cursor = cursor.sort(sort);
    if (skip > 0) cursor = cursor.skip(skip);
    if (limit > 0) cursor = cursor.limit(limit);
    return cursor.all() as Document[];
  });
  const batchSize = optionalNumber(command, 'batchSize');
  // Projecting after sorting lets a sort use a field the projection leaves out.
  return context.cursors.firstBatch(ns, projected(results, projection), { batchSize, singleBatch });
};

const aggregate: CommandHandler = (command, context) => {
  if (typeof command.aggregate !== 'string') {
    throw new CommandFailure('InvalidNamespace', 'database-level aggregation is not supported by this test server');
  }
  const { ns, documents } = storedDocuments(command, context);
  const pipeline = requiredArray(command, 'pipeline') as Document[];
  for (const stage of pipeline) {
    const [operator] = Object.keys(stage);
    if (operator === '$out' || operator === '$merge') {
      throw new CommandFailure('BadValue', `${operator} is not supported by this test server`);
    }
  }
  const cursorOptions = optionalDocument(command, 'cursor');
  if (!cursorOptions) throw new CommandFailure('FailedToParse', "The 'cursor' option is required");
  const results = withQueryErrors(() => runPipeline(documents.map(cloneDocument), pipeline) as Document[]);
  return context.cursors.firstBatch(ns, results, { batchSize: optionalNumber(cursorOptions, 'batchSize') });
};

const count: CommandHandler = (command, context) => {
  const { documents } = storedDocuments(command, context);
  const skip = optionalNumber(command, 'skip') ?? 0;
  const limit = Math.abs(optionalNumber(command, 'limit') ?? 0);
  const found = matching(documents, optionalDocument(command, 'query') ?? {}).slice(skip);
  return okReply({ n: limit > 0 ? Math.min(limit, found.length) : found.length });
};

const getMore: CommandHandler = (command, context) => {
  const id = optionalNumber(command, 'getMore');
  if (id === undefined) throw new CommandFailure('TypeMismatch', "Field 'getMore' must be of type long");
  return context.cursors.nextBatch(id, optionalNumber(command, 'batchSize'));
};

const killCursors: CommandHandler = (command, context) => {
  const ids = requiredArray(command, 'cursors').map((id) => Number(id instanceof Long ? id.toNumber() : id));
  const { killed, notFound } = context.cursors.kill(ids);
  return okReply({
    cursorsKilled: killed.map((id) => Long.fromNumber(id)),
    cursorsNotFound: notFound.map((id) => Long.fromNumber(id)),
    cursorsAlive: [],
    cursorsUnknown: [],
  });
};

export const queryCommands: Record<string, CommandHandler> = { find, aggregate, count, getMore, killCursors };
