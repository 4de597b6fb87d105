import { parseExtendedJsonDocument } from './extended-json.js';
import { checkFieldPath } from './field-path.js';
import { parseNamespace, type Namespace } from './namespace.js';
import { ALL_FIELDS, parseProjection, type Projection } from './projection.js';
import { readerErrors } from './reader.errors.js';
import { wholeNumberParameter } from './reader-limits.js';
import { EMPTY_DOCUMENT, type ReaderDocument } from './reader-value.js';
import { parseSort, type SortKey } from './sort-spec.js';
import { numberOf } from './operator-arguments.js';
import { checkCriteria, type CriteriaFacts } from './operator-check.js';

/** A request as the edge received it: the names from the URL, and the query parameters (repeated ones as arrays). */
export interface RawReaderRequest {
  readonly database: string;
  readonly collection: string;
  readonly parameters: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** Criteria, checked, with what they read. */
export interface Criteria {
  readonly document: ReaderDocument;
  readonly facts: CriteriaFacts;
}

export interface FindRequest {
  readonly namespace: Namespace;
  readonly criteria: Criteria;
  readonly projection: Projection;
  readonly sort: readonly SortKey[];
  readonly skip: number;
  /** The limit asked for; undefined when none was. */
  readonly limit: number | undefined;
}

/** The columns of a CSV export: field paths and the names their header cells show. */
export interface ExportColumn {
  readonly path: string;
  readonly title: string;
}

export interface ExportRequest {
  readonly namespace: Namespace;
  readonly criteria: Criteria;
  readonly sort: readonly SortKey[];
  readonly columns: readonly ExportColumn[];
}

/** `_find`: criteria, fields, sort, skip, limit. */
export function parseFindRequest(raw: RawReaderRequest): FindRequest {
  const fields = optionalDocument(raw, 'fields');
  const limit = single(raw, 'limit');
  return {
    namespace: parseNamespace(raw.database, raw.collection),
    criteria: parseCriteria(raw),
    projection: fields ? parseProjection(fields, 'fields') : ALL_FIELDS,
    sort: parseSort(optionalDocument(raw, 'sort') ?? EMPTY_DOCUMENT),
    skip: wholeNumberParameter(single(raw, 'skip') ?? '0', 'skip'),
    limit: limit === undefined ? undefined : wholeNumberParameter(limit, 'limit'),
  };
}

/** `_count`, the field overview: criteria only. */
export function parseCriteriaRequest(raw: RawReaderRequest): { namespace: Namespace; criteria: Criteria } {
  return { namespace: parseNamespace(raw.database, raw.collection), criteria: parseCriteria(raw) };
}

/** `exportcsv/`: criteria, sort, and a projection naming each column's title (`{"name": "Name"}`), as dj-mongo-reader took it. */
export function parseExportRequest(raw: RawReaderRequest): ExportRequest {
  const projection = optionalDocument(raw, 'projection');
  if (!projection || projection.entries.length === 0) {
    throw readerErrors.badInput('projection must name the fields to export, with their titles: {"name": "Name"}');
  }
  const columns = projection.entries.map(([key, value]): ExportColumn => {
    const path = checkFieldPath(key, 'projection');
    if (typeof value === 'string') return { path, title: value };
    if (value === true || numberOf(value) === 1) return { path, title: path };
    throw readerErrors.badInput(`projection: ${key} takes the column's title (or 1 for the field's name)`);
  });
  return {
    namespace: parseNamespace(raw.database, raw.collection),
    criteria: parseCriteria(raw),
    sort: parseSort(optionalDocument(raw, 'sort') ?? EMPTY_DOCUMENT),
    columns,
  };
}

export function parseCriteria(raw: RawReaderRequest): Criteria {
  const document = optionalDocument(raw, 'criteria') ?? EMPTY_DOCUMENT;
  return { document, facts: checkCriteria(document) };
}

function optionalDocument(raw: RawReaderRequest, name: string): ReaderDocument | undefined {
  const text = single(raw, name);
  return text === undefined || text.trim() === '' ? undefined : parseExtendedJsonDocument(text, name);
}

/** A parameter's one value; two differing copies would be read differently by different parsers, so they are refused. */
export function single(raw: RawReaderRequest, name: string): string | undefined {
  const value = Object.hasOwn(raw.parameters, name) ? raw.parameters[name] : undefined;
  if (typeof value === 'string' || value === undefined) return value;
  if (value.length > 1) throw readerErrors.badInput(`${name} is given more than once`);
  return value[0];
}
