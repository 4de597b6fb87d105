import type { Document } from 'bson';
import { aggregate as runMingo } from 'mingo';
import { CommandFailure, notSupported } from './command-failure.js';
import { cloneDocument, isPlainObject } from './document-values.js';
import { addDottedFields } from './dotted-add-fields.js';
import type { FakeCatalog } from './fake-catalog.js';
import { mingoOptions, refuseUnservedOperators, withQueryErrors } from './query-language.js';
import { sortDocuments } from './sort-documents.js';

/** Where a pipeline runs: `$lookup` reads the other collections of the same database. */
export interface PipelineContext {
  readonly db: string;
  readonly catalog: FakeCatalog;
}

/** Stages mingo runs as a server does, one stage at a time on the documents the previous stage gave. */
const mingoStages = new Set([
  '$match',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$skip',
  '$limit',
  '$count',
  '$group',
  '$unwind',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$lookup',
]);

/**
 * Stages a real server has that the fake refuses: writes to other collections ($out, $merge), stages
 * that need server state or indexes the fake does not keep, and stages whose ordering or boundaries
 * mingo computes in JavaScript's order rather than BSON's.
 */
const refusedStages = new Set([
  '$out',
  '$merge',
  '$bucket',
  '$bucketAuto',
  '$densify',
  '$fill',
  '$setWindowFields',
  '$graphLookup',
  '$unionWith',
  '$redact',
  '$geoNear',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$changeStream',
  '$changeStreamSplitLargeEvent',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$listSearchIndexes',
  '$documents',
  '$shardedDataDistribution',
  '$queryStats',
  '$listSampledQueries',
  '$listCatalog',
]);

/** Stages that are only valid first in a pipeline; the aggregate command serves `$collStats` there itself. */
const firstStageOnly = new Set(['$collStats']);

/** The name of a stage, checked as a real server parses it: one field, a known stage. */
export function stageName(stage: unknown): string {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
    throw new CommandFailure('Location40323', 'A pipeline stage specification object must contain exactly one field.');
  }
  const [name = ''] = Object.keys(stage);
  if (firstStageOnly.has(name)) {
    throw new CommandFailure('Location40602', `${name} is only valid as the first stage in a pipeline`);
  }
  if (refusedStages.has(name)) throw notSupported(`The ${name} stage`);
  if (!mingoStages.has(name) && !['$sort', '$sortByCount', '$facet'].includes(name)) {
    throw new CommandFailure('Location40324', `Unrecognized pipeline stage name: '${name}'`);
  }
  return name;
}

/** Runs `pipeline` over copies of `documents`. */
export function runPipeline(documents: readonly Document[], pipeline: readonly Document[], context: PipelineContext): Document[] {
  for (const stage of pipeline) stageName(stage);
  refuseUnservedOperators(pipeline);
  let current = documents.map(cloneDocument);
  for (const stage of pipeline) current = runStage(current, stage, context);
  return current;
}

function runStage(documents: Document[], stage: Document, context: PipelineContext): Document[] {
  const name = stageName(stage);
  const spec: unknown = stage[name];
  switch (name) {
    case '$sort':
      if (!isPlainObject(spec)) throw new CommandFailure('FailedToParse', 'the $sort key specification must be an object');
      return sortDocuments(documents, spec);
    case '$sortByCount':
      // $sortByCount is $group then a descending $sort on the count: the sort must be the fake's.
      return sortDocuments(mingo(documents, { $group: { _id: spec, count: { $sum: 1 } } }, context), { count: -1 });
    case '$facet':
      return [facet(documents, spec, context)];
    case '$addFields':
    case '$set':
      if (!isPlainObject(spec)) throw new CommandFailure('FailedToParse', `${name} specification stage must be an object`);
      return addDottedFields(documents, spec, (input, renamed) => mingo(input, { [name]: renamed }, context));
    case '$lookup':
      if (isPlainObject(spec) && isPlainObject(spec.from)) throw notSupported('$lookup from another database');
      // A sub-pipeline would run inside mingo, out of reach of the fake's sort and checks.
      if (isPlainObject(spec) && 'pipeline' in spec) throw notSupported('$lookup with a pipeline');
      return mingo(documents, stage, context);
    default:
      return mingo(documents, stage, context);
  }
}

function facet(documents: Document[], spec: unknown, context: PipelineContext): Document {
  if (!isPlainObject(spec)) throw new CommandFailure('FailedToParse', 'the $facet specification must be an object');
  const output: Document = {};
  for (const [field, pipeline] of Object.entries(spec)) {
    if (!Array.isArray(pipeline) || !pipeline.every((stage) => isPlainObject(stage))) {
      throw new CommandFailure('TypeMismatch', `arguments to $facet must be arrays, ${field} is not`);
    }
    output[field] = runPipeline(documents, pipeline, context);
  }
  return output;
}

function mingo(documents: Document[], stage: Document, context: PipelineContext): Document[] {
  return withQueryErrors(() =>
    runMingo(documents, [stage], {
      ...mingoOptions,
      collectionResolver: (name) => (context.catalog.find(context.db, name)?.documents ?? []).map(cloneDocument),
    }),
  );
}
