import { checkFieldPath } from '../../../domain/reader/field-path.js';
import type { FieldOverview } from '../../../domain/reader/field-overview.js';
import type { Namespace } from '../../../domain/reader/namespace.js';
import type { ExportColumn } from '../../../domain/reader/reader-request.js';

/** What the page's form asks for, read from its query string. */
export interface PageQuery {
  readonly namespace: Namespace | null;
  readonly criteria: string;
  readonly sort: string;
  readonly columnsText: string;
  readonly rowcount: number;
  /** The page of the table shown, from 1. */
  readonly page: number;
}

export const ROWCOUNT_CHOICES = [10, 20, 50, 100] as const;

type Query = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The form's fields and the table's page; the collection is `ns` (`db.collection`: a database name
 * has no dot, so the first one splits). `q` is taken for `criteria`, as shared links often spell it.
 */
export function pageQuery(query: Query, readable: readonly Namespace[]): PageQuery {
  const ns = first(query, 'ns');
  const dot = ns?.indexOf('.') ?? -1;
  const named = ns !== undefined && dot > 0 ? { database: ns.slice(0, dot), collection: ns.slice(dot + 1) } : null;
  const rowcount = Number(first(query, 'rowcount') ?? ROWCOUNT_CHOICES[0]);
  const page = Number(first(query, 'page') ?? 1);
  return {
    namespace: named ?? readable[0] ?? null,
    criteria: (first(query, 'criteria') ?? first(query, 'q'))?.trim() || '{}',
    sort: first(query, 'sort')?.trim() || '{}',
    columnsText: first(query, 'columns')?.trim() ?? '',
    rowcount: Number.isInteger(rowcount) && rowcount >= 1 && rowcount <= 1000 ? rowcount : ROWCOUNT_CHOICES[0],
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** `name=Name, gender, lastlogin=Last login`: each a field path, with the title its column shows. */
export function parseColumns(text: string): ExportColumn[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      const path = checkFieldPath((equals < 0 ? part : part.slice(0, equals)).trim(), 'columns');
      const title = equals < 0 ? path : part.slice(equals + 1).trim() || path;
      return { path, title };
    });
}

/** Without columns asked for: the top-level fields of the sample in the order they first appear, `_id` left out. */
export function defaultColumns(overview: FieldOverview | null, count = 8): ExportColumn[] {
  if (!overview) return [];
  return overview.fields
    .filter((field) => !field.path.includes('.') && field.path !== '_id')
    .sort((a, b) => a.order - b.order)
    .slice(0, count)
    .map((field) => ({ path: field.path, title: field.path }));
}

export function columnsText(columns: readonly ExportColumn[]): string {
  return columns.map((column) => (column.title === column.path ? column.path : `${column.path}=${column.title}`)).join(', ');
}

/** The JSON of an export's projection, `{"path": "Title"}`, keys in the columns' order (an object would move "10" first). */
export function exportProjection(columns: readonly ExportColumn[]): string {
  return `{${columns.map((column) => `${JSON.stringify(column.path)}:${JSON.stringify(column.title)}`).join(',')}}`;
}

function first(query: Query, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' ? value : value?.[0];
}
