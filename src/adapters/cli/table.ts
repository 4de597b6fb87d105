import { printable } from './terminal-text.js';

/**
 * Rows as lines of left-aligned columns two spaces apart; the last column is not padded. Every cell
 * is printable: stored text (a note, a name) cannot break a line or send the terminal a sequence.
 */
export function formatTable(given: readonly (readonly string[])[]): string[] {
  const rows = given.map((row) => row.map(printable));
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
