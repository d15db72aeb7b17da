/**
 * Import, export and templates for every kind. An import reads the whole file, validates every
 * row, then writes in ONE transaction that is rolled back unless every row is valid (and always
 * on --dry-run): a file is written completely or not at all.
 */
import type { Db } from '../db/types.ts';
import { refreshPlannerStatistics } from '../db/statistics.ts';
import type { Cell } from './cells.ts';
import { resolveHeader, type Lang } from './columns.ts';
import { ImportContext, type ImportProgress, type RowError } from './context.ts';
import type { CellRow, KindName } from './kind.ts';
import { KINDS } from './kinds/index.ts';
import { readSheet, type Encoding, type Format } from './read.ts';
import { writeSheet } from './write.ts';

export interface ImportOptions {
  dryRun?: boolean | undefined;
  /** CSV only; detected when not given. */
  encoding?: Encoding | undefined;
  /** The file name used in row errors (default: the path as given). */
  displayName?: string | undefined;
  progress?: ImportProgress | undefined;
}

export interface ImportResult {
  kind: KindName;
  file: string;
  format: Format;
  encoding?: Encoding | undefined;
  /** Data rows (not counting the header and empty rows). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  dryRun: boolean;
  /** True when the transaction committed. */
  written: boolean;
}

class Rollback extends Error {
  constructor() {
    super('rollback');
    this.name = 'Rollback';
  }
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export async function importFile(db: Db, kindName: KindName, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const kind = KINDS[kindName];
  const display = options.displayName ?? file;
  const sheet = await readSheet(file, { encoding: options.encoding });
  const header = resolveHeader(kind.columns, sheet.header.cells, kind.label.en);
  const ctx = new ImportContext(display, kind.columns, header.names, header.lang, options.progress);
  const result = (written: boolean): ImportResult => ({
    kind: kindName, file: display, format: sheet.format, encoding: sheet.encoding, rows: sheet.rows.length,
    created: ctx.created, updated: ctx.updated, unchanged: ctx.unchanged, errors: ctx.sortedErrors(),
    dryRun: options.dryRun === true, written,
  });
  for (const p of header.problems) {
    ctx.errors.push({ file: display, key: '', row: sheet.header.row, column: p.column, message: p.message });
  }
  if (header.problems.length > 0) return result(false);

  const present = [...header.names.keys()].filter((key) => kind.columns.find((c) => c.key === key && !c.infoOnly));
  const rows: CellRow[] = [];
  for (const r of sheet.rows) {
    const cells: Record<string, Cell> = {};
    for (const key of present) cells[key] = null;
    r.cells.forEach((raw, i) => {
      const value = raw.trim();
      const key = header.keys[i];
      if (key) cells[key] = value === '' ? null : value;
      else if (value !== '' && (sheet.header.cells[i] ?? '').trim() === '') {
        ctx.errors.push({ file: display, key: '', row: r.row, column: columnLetter(i), message: `a value in column ${columnLetter(i)}, which has no header` });
      }
    });
    rows.push({ row: r.row, cells });
  }

  options.progress?.start(rows.length);
  const prepared = kind.prepare(rows, ctx);
  let written = false;
  try {
    await db.transaction(async (tx) => {
      if (prepared.valid > 0) await prepared.apply(tx);
      if (ctx.errors.length > 0 || options.dryRun) throw new Rollback();
    });
    written = true;
    await refreshPlannerStatistics(db);
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  } finally {
    options.progress?.done();
  }
  return result(written);
}

export interface ExportOptions {
  format: Format;
  lang?: Lang | undefined;
  year?: number | undefined;
  encoding?: Encoding | undefined;
}

/** Writes the stored rows of a kind (of a year, for year-scoped kinds); returns the row count. */
export async function exportFile(db: Db, kindName: KindName, file: string, options: ExportOptions): Promise<number> {
  const kind = KINDS[kindName];
  if (kind.yearScoped && options.year === undefined) throw new Error(`Exporting ${kindName} needs a year.`);
  const lang = options.lang ?? 'zh';
  const rows = await kind.exportRows(db, options.year);
  await writeSheet(file, kind.columns, rows, {
    format: options.format, lang, encoding: options.encoding, sheetName: lang === 'zh' ? kind.label.zh : kind.label.en,
  });
  return rows.length;
}

/** Writes an empty template: the header and one example row (XLSX: and a sheet describing the columns). */
export async function writeTemplate(kindName: KindName, file: string, options: Omit<ExportOptions, 'year'>): Promise<void> {
  const kind = KINDS[kindName];
  const lang = options.lang ?? 'zh';
  const example = Object.fromEntries(kind.columns.map((c) => [c.key, c.example === '' ? null : c.example]));
  await writeSheet(file, kind.columns, [example], {
    format: options.format, lang, encoding: options.encoding, sheetName: lang === 'zh' ? kind.label.zh : kind.label.en, notes: true,
  });
}
