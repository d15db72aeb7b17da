/**
 * `gongshi export cadre-evaluations` end to end on an embedded database folder: the refusal for a
 * year without a computed run, the file (CSV and XLSX) with its personnel-data notice, and the
 * warning on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { PERSONNEL_NOTICE } from '../../src/lib/personnel/cadre-evaluations.ts';
import { CE_YEAR, insertCadreCity } from './cadre-evaluations-fixtures.ts';
import { csvCells, tempDir } from './import-helpers.ts';

const tmp = tempDir();
const saved = { dataDir: process.env['GONGSHI_DATA_DIR'], url: process.env['DATABASE_URL'] };

beforeAll(async () => {
  const dataDir = path.join(tmp.dir, 'data');
  const db = await openPglite(dataDir);
  await migrate(db);
  await db.transaction(async (q) => {
    await insertCadreCity(q);
    await q.query(`select private.compute_assessment($1)`, [CE_YEAR]);
    await q.query(`select private.publish_assessment($1)`, [CE_YEAR]);
  });
  await db.close();
  process.env['GONGSHI_DATA_DIR'] = dataDir;
  delete process.env['DATABASE_URL'];
});

afterAll(() => {
  if (saved.dataDir === undefined) delete process.env['GONGSHI_DATA_DIR'];
  else process.env['GONGSHI_DATA_DIR'] = saved.dataDir;
  if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
  tmp.remove();
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function run(values: Record<string, string | boolean>) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  const code = await exportCommand.run(values, ['cadre-evaluations']);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('gongshi export cadre-evaluations', () => {
  it('refuses a year without a computed run (exit 1), saying what to run, and writes nothing', async () => {
    const out = path.join(tmp.dir, 'none.csv');
    const r = await run({ year: String(CE_YEAR + 1), out });
    expect(r).toEqual({
      code: 1, out: [],
      err: [`The ${CE_YEAR + 1} assessment has not been computed, so there are no cadre evaluations to export. `
        + `Compute it first: npm run gongshi -- assess compute --year ${CE_YEAR + 1}`],
    });
    expect(fs.existsSync(out)).toBe(false);
    expect((await run({ year: String(CE_YEAR), version: '9', out })).err).toEqual([`The ${CE_YEAR} assessment has no version 9: its versions are 1.`]);
  });

  it('writes the published run to CSV with the notice first, and warns that the file holds personnel data', async () => {
    const out = path.join(tmp.dir, 'cadres.csv');
    const r = await run({ year: String(CE_YEAR), out, lang: 'en' });
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([
      expect.stringMatching(new RegExp(`^Wrote 11 cadre evaluations of the ${CE_YEAR} assessment, version 1 \\(published\\), to .*cadres\\.csv\\.$`)),
      expect.stringMatching(/^Warning: the file holds personnel data/),
    ]);
    const cells = csvCells(out);
    expect(cells[0]).toEqual([PERSONNEL_NOTICE.en]);
    expect(cells[1]).toEqual([
      'unit_code', 'unit_name', 'cadre_name', 'title', 'is_principal', 'own_targets', 'own_achievement', 'unit_total', 'unit_rank',
      'unit_pool_size', 'unit_grade', 'unit_consequence', 'unit_rating', 'rule_applied', 'rating', 'basis', 'run_version', 'published',
    ]);
    expect(cells).toHaveLength(13);
    expect(cells[4]).toEqual(expect.arrayContaining(['CE-U1', '干部D1b', 'false', '1', '0', '92', 'excellent', 'award', 'lowered', 'competent', '1', 'true']));
    expect(cells[4]![15]).toMatch(/^unit total 92, rank 1 of 3, grade excellent, consequence award → unit rating excellent; own targets: 1, achievement 0, below 60 → lowered one step to competent\.$/);

    // The same file again is refused: personnel files are never overwritten.
    const again = await run({ year: String(CE_YEAR), out });
    expect(again.code).toBe(1);
    expect(again.err).toEqual([expect.stringMatching(/already exists: personnel files are never overwritten/)]);
  });

  it('writes XLSX: the notice in the first row, the header in the second, numbers as numbers', async () => {
    const out = path.join(tmp.dir, 'cadres.xlsx');
    expect((await run({ year: String(CE_YEAR), out })).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe(PERSONNEL_NOTICE.zh);
    expect(sheet.getRow(2).getCell(1).value).toBe('单位代码');
    expect(sheet.getRow(3).getCell(3).value).toBe('干部P1');
    expect(sheet.getRow(3).getCell(8).value).toBe(92);
    // The basis is written in the file's language, like its labels.
    expect(sheet.getRow(3).getCell(16).value).toBe('单位总分92，同组3个单位中第1名，等次优秀，结果运用奖励，对应评价优秀；主要负责人，按单位评价。');
    expect(sheet.rowCount).toBe(13);
  });
});
