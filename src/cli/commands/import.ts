import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { flag, noMore, parseEncoding } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { formatRowError } from '../../lib/import/context.ts';
import { importFile, type ImportResult } from '../../lib/import/import.ts';
import { isKindName, KIND_NAMES } from '../../lib/import/kind.ts';
import { formatOf, SheetError } from '../../lib/import/read.ts';
import { progressReport } from '../../lib/progress.ts';

/** Files with at least this many rows get a progress bar. */
const BAR_FROM = 500;

export function summaryLine(r: ImportResult): string {
  const corrections = r.kind === 'progress' ? ' (as superseding corrections)' : '';
  const counts = `${r.created} created, ${r.updated} updated${corrections}, ${r.unchanged} unchanged`;
  const source = r.format === 'csv' ? `CSV, ${r.encoding === 'gb18030' ? 'GB18030' : 'UTF-8'}` : 'XLSX';
  if (r.errors.length > 0) {
    const rows = new Set(r.errors.map((e) => e.row)).size;
    return `${r.file} (${source}): ${r.errors.length} error${r.errors.length === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'} of ${r.rows}; nothing was written. ` +
      `The valid rows would give: ${counts}.`;
  }
  return `${r.file} (${source}): ${r.rows} row${r.rows === 1 ? '' : 's'}: ${counts}.${r.dryRun ? ' Dry run: nothing was written.' : ''}`;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import units, cadres, indicators, targets, baselines, progress, supervision, consultations, leader-reports or accountability from CSV/XLSX',
  help: `Usage: npm run gongshi -- import <kind> <file.csv|file.xlsx> [--dry-run] [--encoding utf8|gb18030]

Kinds (import them in this order; each refers to the ones before it):
  units        单位: unit code, name, kind, sector
  cadres       干部: unit code, name, title, principal leader or not
  indicators   指标: indicator code, name, category, measure, direction
  targets      目标: year, target code, unit, indicator, value, points, deadline, responsibility,
               public commitment. New targets arrive as drafts (see "gongshi targets").
  baselines    目标基数: previous years (纵向), peer cities (横向), functional benchmark (基准)
  progress     月度进展: monthly reports; a different report for a period that already has one
               is filed as a correction superseding it and needs a correction reason (修改原因)
  supervision  督查记录: reference number, unit, method, date, finding, score delta, public or not
  consultations 决策咨询意见: decision, committee group, position, opinion, date given, date public
               (the decisions themselves are proposed with "gongshi decision create")
  leader-reports 领导半年报告: unit code, cadre name, half year (YYYY-H1/H2), city leader reported to,
               summary, date submitted, date public; a public report can no longer be changed
  accountability 问责案件: case number, unit, year, basis (target / supervision finding / assessment
               result), dates, measure, summaries, date public, and the person held accountable
               (personal data, never public); a published case can no longer be changed

The header row names the columns in Chinese or English (both accepted, in any order); see
docs/import.md or "gongshi template <kind>" for every column. Each row is matched to stored data by
its natural key (unit code; target code + year; …) and counted as created, updated or unchanged.

Every problem is reported, one line each, as file:row:column: message (row numbers as a
spreadsheet shows them, the header is row 1), including the database's own rules. The file is
written in one transaction, and only if every row is valid: otherwise nothing is written.
Importing the same file twice changes nothing the second time.

Options:
  --dry-run            check everything and print the summary, but write nothing
  --encoding ENC       CSV encoding: utf8 or gb18030 (also for GBK/GB2312). Default: detected
                       (a UTF-8 byte order mark or valid UTF-8 → utf8, otherwise gb18030)

Exit status: 0 when the file was imported (or would be, with --dry-run), 1 when rows have errors.`,
  options: {
    'dry-run': { type: 'boolean' },
    encoding: { type: 'string' },
  },
  async run(values, positionals) {
    const [kind, file, ...extra] = positionals;
    if (!kind || !file) throw new UsageError('import needs a kind and a file.');
    noMore(extra);
    if (!isKindName(kind)) throw new UsageError(`Unknown kind "${kind}": use one of ${KIND_NAMES.join(', ')}.`);
    const encoding = parseEncoding(values['encoding']);
    try {
      if (formatOf(file) === 'xlsx' && encoding) throw new UsageError('--encoding applies to CSV files only.');
    } catch (error) {
      if (error instanceof SheetError) throw new UsageError(error.message);
      throw error;
    }
    const db = await openDb();
    try {
      await migrate(db);
      const result = await importFile(db, kind, file, {
        dryRun: flag(values['dry-run']),
        encoding,
        progress: progressReport(`Importing ${kind}`, BAR_FROM),
      });
      for (const error of result.errors) console.error(formatRowError(error));
      console.log(summaryLine(result));
      return result.errors.length > 0 ? 1 : 0;
    } catch (error) {
      if (error instanceof SheetError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    } finally {
      await db.close();
    }
  },
};
