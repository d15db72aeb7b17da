import path from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { matching, noMore, optionalYear, parseEncoding, parseFormat, parseKind, parseLang, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { exportFile } from '../../lib/import/import.ts';
import { KIND_NAMES } from '../../lib/import/kind.ts';
import { KINDS } from '../../lib/import/kinds/index.ts';
import { exportCadreEvaluations } from '../../lib/personnel/cadre-evaluations.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a kind to CSV/XLSX in the import format (re-imports unchanged)',
  help: `Usage: npm run gongshi -- export <kind> [--year Y] [--format csv|xlsx] [--out FILE] [--lang zh|en] [--encoding utf8|gb18030]
       npm run gongshi -- export cadre-evaluations --year Y [--version N] [--format …] [--out FILE] [--lang …] [--encoding …]

Writes the stored rows of a kind in exactly the columns "gongshi import" reads, so the file imports
back with every row unchanged (edit it and import it to update the data).
Kinds: ${KIND_NAMES.join(', ')}.

Options:
  --year Y             required for targets, baselines, progress, supervision and leader-reports (rows of that year);
                       units, cadres, indicators, consultations and accountability are not per year and ignore it
  --format FMT         csv (default, or taken from --out) or xlsx
  --out FILE           where to write (default: <kind>-<year>.<format>, or <kind>.<format>)
  --lang LANG          zh (default): Chinese headers and labels (已完成, 是/否); en: English headers and codes
  --encoding ENC       CSV only: utf8 (default, with a byte order mark so Excel shows Chinese) or gb18030

Progress exports hold the report in force for each target and period (a correction replaces the
report it supersedes). Target exports include every status; only published targets are public.
Accountability exports name the person held accountable in each case (personal data, from schema
private): a staff file, never to be published; the public data is the open data set accountability-cases.

cadre-evaluations (not an import kind) writes PERSONNEL DATA for the organisation department:
every city-managed cadre's rating in the year's assessment, with the unit's result and the
cadre's own targets it follows from (rule: docs/import.md). It takes the latest published version
unless --version N names another (a draft too). The file says in its first line that it holds
personnel data, is created readable by you alone (mode 0600) and never overwritten
(default: cadre-evaluations-<year>.<format>).`,
  options: {
    year: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
    encoding: { type: 'string' },
    version: { type: 'string' },
  },
  async run(values, positionals) {
    if (positionals[0] === 'cadre-evaluations') return exportEvaluations(values, positionals.slice(1));
    if (values['version'] !== undefined) throw new UsageError('--version applies to export cadre-evaluations only.');
    const [kindArg, ...extra] = positionals;
    const kind = parseKind(kindArg, 'export');
    noMore(extra);
    const year = optionalYear(values['year']);
    if (KINDS[kind].yearScoped && year === undefined) throw new UsageError(`export ${kind} needs --year.`);
    const out = text(values['out']);
    const format = parseFormat(values['format'], out);
    const encoding = parseEncoding(values['encoding']);
    if (encoding && format !== 'csv') throw new UsageError('--encoding applies to CSV files only.');
    const file = out ?? `${kind}${KINDS[kind].yearScoped ? `-${year}` : ''}.${format}`;
    const db = await openDb();
    try {
      await migrate(db);
      const rows = await exportFile(db, kind, file, { format, year: KINDS[kind].yearScoped ? year : undefined, lang: parseLang(values['lang']), encoding });
      console.log(`Wrote ${rows} ${KINDS[kind].label.en} to ${path.relative(process.cwd(), path.resolve(file)) || file}.`);
      if (kind === 'accountability') {
        console.log('Warning: the file names the people held accountable (personal data). It is a staff file: never publish it; '
          + 'the public data is the open data set accountability-cases.');
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};

/** `export cadre-evaluations`: personnel data, refused (exit 1) while the year has no run to export. */
async function exportEvaluations(values: Record<string, string | boolean | undefined>, extra: string[]): Promise<number> {
  noMore(extra);
  const year = optionalYear(values['year']);
  if (year === undefined) throw new UsageError('export cadre-evaluations needs --year.');
  const versionText = values['version'] === undefined ? undefined
    : matching(values['version'], /^[1-9]\d{0,5}$/, `--version must be a version number such as 1, got "${String(values['version'])}".`);
  const out = text(values['out']);
  const format = parseFormat(values['format'], out);
  const encoding = parseEncoding(values['encoding']);
  if (encoding && format !== 'csv') throw new UsageError('--encoding applies to CSV files only.');
  const lang = parseLang(values['lang']);
  const file = out ?? `cadre-evaluations-${year}.${format}`;
  const db = await openDb();
  try {
    await migrate(db);
    const result = await exportCadreEvaluations(db, file, {
      year, version: versionText === undefined ? undefined : Number(versionText), format, lang, encoding,
    });
    if ('refusal' in result) {
      console.error(result.refusal);
      return 1;
    }
    const { run, rows } = result;
    console.log(`Wrote ${rows} cadre evaluations of the ${year} assessment, version ${run.version}`
      + ` (${run.published ? 'published' : 'DRAFT, may still change'}), to ${path.relative(process.cwd(), path.resolve(file)) || file}.`);
    console.log('Warning: the file holds personnel data (cadres\' ratings). Hand it to the organisation department only, '
      + 'keep it out of shared folders, and delete it when done.');
    return 0;
  } finally {
    await db.close();
  }
}
