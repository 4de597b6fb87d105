import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asValue } from 'awilix';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { loggedIn, readerPath } from '../support/reader-flow.js';
import { doc } from '../support/reader-values.js';
import { startTestService, type TestService } from '../support/test-service.js';

const SOFFICE = '/usr/bin/soffice';

/** Values that try to start a formula after a line break, of every kind a reader may split lines on. */
const hostile = [
  doc({ _id: { kind: 'int32', value: 1 }, name: 'a\n=6*7', note: 'b\r=6*7' }),
  doc({ _id: { kind: 'int32', value: 2 }, name: 'c\r\n+6*7', note: 'd\n@SUM(6;36)' }),
  doc({ _id: { kind: 'int32', value: 3 }, name: 'e\n-6*-7', note: 'f\n\t=6*7', amount: { kind: 'int32', value: -42 } }),
  doc({ _id: { kind: 'int32', value: 4 }, name: 'g\n\n=6*7', note: 'h,"i"\r\r=6*7' }),
];
/** The header of the report: a title with a line break before a formula. */
const PROJECTION = JSON.stringify({
  name: 'Name\n=HYPERLINK("http://evil.example/";"open")',
  note: 'Note\r=7*6',
  amount: 'Amount',
});

/** Rows of cells, as csv-parse reads them (strict about column counts unless told). */
function parseCsv(text: string, options: { relax_column_count?: boolean } = {}): string[][] {
  const rows: unknown = parse(text, options);
  return z.array(z.array(z.string())).parse(rows);
}

const formulaStart = /^[=+\-@\t\r]/;
const isNumber = (text: string) => /^-?\d+(?:\.\d+)?$/.test(text);

describe('the CSV export against formula injection through a line break', () => {
  let service: TestService;
  let user1: CookieJar;
  let csv: string;

  beforeAll(async () => {
    const source = new MemoryDocumentSource();
    await source.seedIfEmpty({ database: 'db1', collection: 'user_csv' }, hostile);
    service = await startTestService({ overrides: { documentSource: asValue(source), documentSeeder: asValue(source) } });
    user1 = await loggedIn(service, 'user1', '123');
    const response = await user1.fetch(
      `${service.baseUrl}${readerPath('exportcsv/', { sort: '{"_id": 1}', projection: PROJECTION }, 'db1', 'user_csv')}`,
    );
    expect(response.status).toBe(200);
    csv = await response.text();
  });
  afterAll(() => service.close());

  it('reads back with a real CSV parser as one header and one row per document, every value whole', () => {
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1 + hostile.length);
    expect(rows.map((row) => row.length)).toEqual(rows.map(() => 3));
    expect(rows[0]?.[0]).toBe(`Name\n'=HYPERLINK("http://evil.example/";"open")`);
    expect(rows[1]).toEqual(["a\n'=6*7", "b\r'=6*7", '']);
    expect(rows[3]?.[2]).toBe('-42');
  });

  it('starts no cell, nor any line within a cell, with a formula character unless it is a number', () => {
    const rows = parseCsv(csv);
    for (const cell of rows.flat()) {
      for (const line of cell.split(/\r\n|\r|\n/)) {
        if (!isNumber(line)) expect(line).not.toMatch(formulaStart);
      }
      if (!isNumber(cell)) expect(cell).not.toMatch(formulaStart);
    }
  });

  it('quotes every cell that holds a CR, an LF, a quote or a comma, so that a line-splitting reader starts no formula either', () => {
    // Outside quotes, only CRLF ends a record: no lone CR or LF is left bare.
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '""');
    expect(outsideQuotes.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of csv.split(/\r\n|\r|\n/)) expect(line).not.toMatch(formulaStart);
  });

  // In CI (SIGNET_REQUIRE_LIBREOFFICE=1) a missing LibreOffice fails these tests instead of skipping them.
  describe.skipIf(!existsSync(SOFFICE) && process.env.SIGNET_REQUIRE_LIBREOFFICE !== '1')(
    'opened by LibreOffice Calc (skipped: no /usr/bin/soffice here)',
    () => {
      /** The sheet as LibreOffice computes it, formulas evaluated on import, written back as CSV. */
      async function asCalcSeesIt(text: string): Promise<string[][]> {
        const dir = await mkdtemp(join(tmpdir(), 'signet-calc-'));
        try {
          await writeFile(join(dir, 'in.csv'), text);
          await promisify(execFile)(
            SOFFICE,
            [
              '--headless',
              `-env:UserInstallation=file://${join(dir, 'profile')}`,
              // Separator, quote, UTF-8, from line 1, standard, en-US, ..., and token 13: evaluate formulas.
              '--infilter=CSV:44,34,76,1,,1033,false,true,true,false,false,0,true',
              '--convert-to',
              'csv',
              '--outdir',
              join(dir, 'out'),
              join(dir, 'in.csv'),
            ],
            { timeout: 120_000 },
          );
          return parseCsv(await readFile(join(dir, 'out', 'in.csv'), 'utf8'), { relax_column_count: true });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }

      it('evaluates a bare formula, so the check below can see one', { timeout: 180_000 }, async () => {
        const sheet = await asCalcSeesIt('Name\n=6*7,x\r\n');
        expect(sheet.flat()).toContain('42');
      });

      it('never evaluates a formula of the export', { timeout: 180_000 }, async () => {
        const sheet = await asCalcSeesIt(csv);
        expect(sheet).toHaveLength(1 + hostile.length);
        expect(sheet.flat()).not.toContain('42');
        expect(sheet.flat()).not.toContain('open');
        expect(sheet.flat().filter((cell) => cell.includes('=6*7')).length).toBeGreaterThan(0);
      });
    },
  );
});
