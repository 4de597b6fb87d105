import { relaxedText } from './relaxed-json.js';
import { documentOf, isArrayValue, isDocument, typeAlias, type ReaderDocument, type ReaderValue } from './reader-value.js';
import { compareValues } from './value-order.js';

/** One bar of a field's chart: a value (or, for dates, a month), how often it occurs, and the criteria that select it. */
export interface ValueCount {
  readonly label: string;
  readonly count: number;
  /** `{field: value}`, or for a month `{field: {$gte: first day, $lt: first day of the next}}`. */
  readonly filter: ReaderDocument;
}

export interface FieldSummary {
  /** Dotted, nested objects' fields included. */
  readonly path: string;
  /** Documents of the sample that have the field. */
  readonly present: number;
  /** Each BSON type the field has, most frequent first. */
  readonly types: readonly { readonly type: string; readonly count: number }[];
  /** The most frequent values, most frequent first (values inside arrays counted one by one). */
  readonly values: readonly ValueCount[];
  /** Distinct values seen, up to the tracking cap. */
  readonly distinct: number;
  /** True when no value occurs twice: a chart would show only bars of one. */
  readonly allDistinct: boolean;
  /** The field's place in the order fields first appear in the sample (from 0). */
  readonly order: number;
}

export interface FieldOverview {
  readonly sampled: number;
  readonly fields: readonly FieldSummary[];
}

export interface OverviewShape {
  readonly maxFields: number;
  readonly barsPerField: number;
  /** Levels of nested objects looked into. */
  readonly maxDepth: number;
}

const DEFAULT_SHAPE: OverviewShape = { maxFields: 50, barsPerField: 8, maxDepth: 3 };
/** Distinct values remembered per field: beyond it, new values are not counted (the sample bounds the rest). */
const MAX_TRACKED_VALUES = 2000;

interface Tally {
  present: number;
  occurrences: number;
  types: Map<string, number>;
  values: Map<string, { value: ReaderValue; label: string; filter: ReaderDocument; count: number }>;
}

/** What Compass calls schema analysis: for each field of the sample, its types, how often it is present, and its commonest values. */
export function overviewFields(sample: readonly ReaderDocument[], shape: OverviewShape = DEFAULT_SHAPE): FieldOverview {
  const tallies = new Map<string, Tally>();
  for (const document of sample) {
    const seen = new Set<string>();
    visit(document, '', 0, shape.maxDepth, (path, value) => {
      const tally: Tally = tallies.get(path) ?? { present: 0, occurrences: 0, types: new Map(), values: new Map() };
      tallies.set(path, tally);
      if (!seen.has(path)) {
        seen.add(path);
        tally.present += 1;
        tally.types.set(typeAlias(value), (tally.types.get(typeAlias(value)) ?? 0) + 1);
      }
      for (const item of isArrayValue(value) ? value : [value]) count(tally, path, item);
    });
  }
  const fields = [...tallies.entries()]
    .map(([path, tally], order) => summary(path, tally, shape.barsPerField, order))
    .sort((a, b) => b.present - a.present || (a.path < b.path ? -1 : 1))
    .slice(0, shape.maxFields);
  return { sampled: sample.length, fields };
}

function visit(
  document: ReaderDocument,
  prefix: string,
  depth: number,
  maxDepth: number,
  onField: (path: string, value: ReaderValue) => void,
): void {
  for (const [key, value] of document.entries) {
    const path = `${prefix}${key}`;
    onField(path, value);
    if (depth + 1 >= maxDepth) continue;
    if (isDocument(value)) visit(value, `${path}.`, depth + 1, maxDepth, onField);
    if (isArrayValue(value))
      for (const item of value) if (isDocument(item)) visit(item, `${path}.`, depth + 1, maxDepth, onField);
  }
}

function count(tally: Tally, path: string, value: ReaderValue): void {
  const bucket = bucketOf(path, value);
  if (!bucket) return;
  tally.occurrences += 1;
  const known = tally.values.get(bucket.key);
  if (known) known.count += 1;
  else if (tally.values.size < MAX_TRACKED_VALUES) tally.values.set(bucket.key, { ...bucket, count: 1 });
}

/** Scalars count as themselves, dates by their month (UTC); objects and arrays are not charted. */
function bucketOf(
  path: string,
  value: ReaderValue,
): { key: string; value: ReaderValue; label: string; filter: ReaderDocument } | null {
  if (isDocument(value) || isArrayValue(value)) return null;
  if (typeof value === 'object' && value !== null && value.kind === 'date') {
    const day = new Date(value.ms);
    const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1);
    const end = Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
    const month = new Date(start).toISOString().slice(0, 7);
    const range = documentOf([
      ['$gte', { kind: 'date', ms: start }],
      ['$lt', { kind: 'date', ms: end }],
    ]);
    return { key: `date:${month}`, value: { kind: 'date', ms: start }, label: month, filter: documentOf([[path, range]]) };
  }
  return { key: `${typeAlias(value)}:${relaxedText(value)}`, value, label: labelOf(value), filter: documentOf([[path, value]]) };
}

function labelOf(value: ReaderValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !isArrayValue(value) && value.kind === 'objectId') return value.hex;
  return relaxedText(value);
}

function summary(path: string, tally: Tally, bars: number, order: number): FieldSummary {
  const values = [...tally.values.values()]
    .sort((a, b) => b.count - a.count || compareValues(a.value, b.value))
    .slice(0, bars)
    .map(({ label, count: times, filter }) => ({ label, count: times, filter }));
  const types = [...tally.types.entries()].map(([type, times]) => ({ type, count: times })).sort((a, b) => b.count - a.count);
  return {
    path,
    present: tally.present,
    types,
    values,
    distinct: tally.values.size,
    allDistinct: tally.values.size === tally.occurrences,
    order,
  };
}

/** The criteria narrowed by a chart's filter: the filter alone when there were none, both under `$and` otherwise. */
export function narrowed(criteria: ReaderDocument, filter: ReaderDocument): ReaderDocument {
  return criteria.entries.length === 0 ? filter : documentOf([['$and', [criteria, filter]]]);
}
