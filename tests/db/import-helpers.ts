/**
 * Shared by the import tests: the fixture files (tests/fixtures/import), their XLSX and GB18030
 * versions written in a temporary folder, and checksums of tables to prove "nothing changed".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expect } from 'vitest';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { importFile, type ImportOptions, type ImportResult } from '../../src/lib/import/import.ts';
import type { KindName } from '../../src/lib/import/kind.ts';
import { formatRowError } from '../../src/lib/import/context.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
export const ORDER: KindName[] = ['units', 'cadres', 'indicators', 'targets', 'baselines', 'progress', 'supervision', 'consultations', 'leader-reports', 'accountability'];
export const TABLE: Record<KindName, string> = {
  units: 'public.units', cadres: 'public.cadres', indicators: 'public.indicators', targets: 'public.targets',
  baselines: 'public.target_baselines', progress: 'public.progress_reports', supervision: 'public.supervision_records',
  consultations: 'public.consultations', 'leader-reports': 'public.leader_reports',
  accountability: 'public.accountability_cases',
};
/** Data rows of each fixture file. */
export const FIXTURE_ROWS: Record<KindName, number> = {
  units: 3, cadres: 5, indicators: 3, targets: 5, baselines: 9, progress: 5, supervision: 3, consultations: 3, 'leader-reports': 4, accountability: 4,
};

export const fixture = (kind: KindName) => path.join(FIXTURES, `${kind}.csv`);

export function tempDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-import-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The cells of a CSV file, read by csv-parse directly (not by the code under test). */
export function csvCells(file: string): string[][] {
  const options: Options = { bom: true, relax_column_count: true };
  return parse(fs.readFileSync(file), options);
}

/**
 * The same cells as an XLSX file, written with exceljs the way a spreadsheet program saves them:
 * numbers as number cells, slash dates as date cells, everything else as text.
 */
export async function writeXlsxCopy(csvFile: string, xlsxFile: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const cells of csvCells(csvFile)) {
    sheet.addRow(cells.map((c): ExcelJS.CellValue => {
      if (/^-?\d+(\.\d+)?$/.test(c) && !/^0\d/.test(c) && String(Number(c)) === c) return Number(c);
      const date = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(c);
      if (date) return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
      return c === '' ? null : c;
    }));
  }
  await workbook.xlsx.writeFile(xlsxFile);
}

/** The same text as a GB18030 CSV (no byte order mark), as Chinese Excel saves "CSV". */
export function writeGb18030Copy(csvFile: string, outFile: string): void {
  const text = fs.readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '');
  fs.writeFileSync(outFile, iconv.encode(text, 'gb18030'));
}

/**
 * Rows a kind's fixture refers to that no import creates: decisions are proposed by staff with
 * `decision create`, so the consultations fixture needs two of them (for unit A01, imported first);
 * a supervision finding names only a published target (published before the finding), so the two
 * targets the supervision fixture names are published as `targets publish` would, on 1 February.
 */
export async function insertPrerequisites(q: Queryable, kind: KindName): Promise<void> {
  if (kind === 'supervision') {
    await q.query(
      `update public.targets set status = 'published', published_at = '2026-02-01T10:00:00+08:00'
       where year = 2026 and code in ('2026-A01-01', '2026-D01-01') and status <> 'published'`);
    return;
  }
  if (kind !== 'consultations') return;
  await q.query(
    `insert into public.decisions (slug, kind, title, summary, unit_id, requires_hearing)
     select v.slug, v.kind, v.title, '方案摘要', u.id, true
     from (values ('fixture-water-prices', 'price_adjustment', '居民水价调整'), ('fixture-ring-road', 'construction_project', '环城路建设')) v(slug, kind, title)
     join public.units u on u.code = 'A01'
     on conflict (slug) do nothing`);
}

export async function insertYears(q: Queryable): Promise<void> {
  await q.query(`insert into public.assessment_years (year, status, report_due_day) values (2025, 'closed', 5), (2026, 'active', 5)`);
}

/** Imports and expects no row errors (showing them if there are). */
export async function importOk(db: Db, kind: KindName, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const result = await importFile(db, kind, file, options);
  expect(result.errors.map(formatRowError)).toEqual([]);
  return result;
}

/** An md5 over all rows of a table: equal before and after means nothing changed. */
export async function tableHash(q: Queryable, table: string): Promise<string> {
  const order = table === 'public.assessment_years' ? 'year' : 'id';
  const [row] = await q.query<{ h: string | null; n: number }>(
    `select md5(string_agg(t::text, E'\\n' order by t.${order})) as h, count(*)::int as n from ${table} t`,
  );
  return `${row!.n}:${row!.h ?? ''}`;
}

export async function allHashes(q: Queryable): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of [...Object.values(TABLE), 'public.target_commitment_changes']) out[table] = await tableHash(q, table);
  return out;
}

export const counts = (r: ImportResult) => ({ created: r.created, updated: r.updated, unchanged: r.unchanged });
