import { valuesAtPath } from '../../../domain/reader/document-order.js';
import type { ExportColumn } from '../../../domain/reader/reader-request.js';
import { isArrayValue, isDocument, type ReaderDocument, type ReaderValue } from '../../../domain/reader/reader-value.js';
import { relaxedText, toRelaxedJson } from '../../../domain/reader/relaxed-json.js';

/** Characters that make a spreadsheet read a cell as a formula (tab and CR too, which some trim first). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** The same after a line break inside the cell: a reader that splits lines would start a cell there. */
const FORMULA_AFTER_BREAK = /([\r\n])(?=[=+\-@\t])/g;

/**
 * A cell's text, safe to open in a spreadsheet: one that would start a formula, at its start or
 * after any line break within it, gets a `'` there (OWASP's advice against CSV injection). Numbers
 * are written as numbers: `-5` is no formula.
 */
export function neutralised(text: string): string {
  const lines = text.replace(FORMULA_AFTER_BREAK, "$1'");
  return FORMULA_START.test(lines) ? `'${lines}` : lines;
}

/** One row of the export: each column's value at its path, as text. */
export function csvRow(document: ReaderDocument, columns: readonly ExportColumn[]): string[] {
  return columns.map((column) => {
    const values = valuesAtPath(document, column.path);
    if (values.length === 0) return '';
    if (values.length > 1) return neutralised(JSON.stringify(values.map(toRelaxedJson)));
    const [value] = values;
    return value === undefined ? '' : cellText(value);
  });
}

/** The header row: each column's title. */
export function csvHeader(columns: readonly ExportColumn[]): string[] {
  return columns.map((column) => neutralised(column.title));
}

function cellText(value: ReaderValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : relaxedText(value);
  if (typeof value === 'string') return neutralised(value);
  if (isArrayValue(value) || isDocument(value)) return neutralised(relaxedText(value));
  switch (value.kind) {
    case 'int32':
      return String(value.value);
    case 'int64':
      return value.value.toString();
    case 'decimal128':
      return /^-?[\d.]+(?:[eE][+-]?\d+)?$/.test(value.value) ? value.value : neutralised(value.value);
    case 'objectId':
      return value.hex;
    case 'date':
      return new Date(value.ms).toISOString();
    default:
      return neutralised(relaxedText(value));
  }
}
