/**
 * CSV as RFC 4180 describes it, for spreadsheets: UTF-8 with a byte order mark (so Excel reads
 * Chinese correctly), CRLF line ends, a header row, and fields quoted when they hold a comma, a
 * quote or a line break (quotes doubled). An empty cell is null; an empty string is written "",
 * so the two stay apart when the file is read back (see csv-read.ts).
 */
import type { Cell, FlatRow } from './columns.ts';

export const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`CSV cells hold finite numbers, got ${value}`);
    return String(value);
  }
  if (value === '' || NEEDS_QUOTES.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** The whole file, BOM first; the header row names the columns in the given order. */
export function toCsv(columns: readonly string[], rows: readonly FlatRow[]): string {
  const lines = [columns.map((c) => csvCell(c)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c] ?? null)).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
