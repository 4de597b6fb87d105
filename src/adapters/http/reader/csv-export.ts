import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { DocumentExport } from '../../../application/reader/export-documents.js';
import { csvHeader, csvRow } from './csv-cells.js';
import type { ReaderContext } from './reader-state.js';

/**
 * Streams an export as CSV (RFC 4180: CRLF line ends, by csv-stringify; a field holding CR, LF, a
 * quote or a comma is quoted), a header row of the columns' titles first. The cursor is read as the client takes
 * the answer; a client that goes away stops the read and closes the cursor.
 */
export function sendCsv(ctx: ReaderContext, exported: DocumentExport, fileName: string): void {
  const rows = Readable.from(records(exported), { objectMode: true });
  // A lone CR or LF ends a row for many readers: every cell holding one, a quote or a comma is quoted.
  const csv = stringify({ record_delimiter: 'windows', quoted_match: /[\r\n",]/ });
  rows.on('error', (error) => csv.destroy(error));
  csv.on('close', () => rows.destroy());
  rows.pipe(csv);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
  ctx.type = 'text/csv; charset=utf-8; header=present';
  ctx.body = csv;
}

async function* records(exported: DocumentExport): AsyncGenerator<string[]> {
  yield csvHeader(exported.columns);
  for await (const document of exported.documents) yield csvRow(document, exported.columns);
}

/**
 * The download's file name, from `exportfn` as dj-mongo-reader took it: kept to letters, digits,
 * dot, dash and underscore (nothing that could end the header or climb a directory), ending `.csv`.
 */
export function exportFileName(requested: string | undefined, fallback: string): string {
  const cleaned = (requested ?? fallback)
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 100);
  const name = cleaned === '' ? 'export' : cleaned;
  return name.toLowerCase().endsWith('.csv') ? name : `${name}.csv`;
}
