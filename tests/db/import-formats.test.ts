/**
 * The same data as UTF-8 CSV (with and without BOM), as XLSX written by exceljs and as GB18030 CSV
 * gives the same stored rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { importFile } from '../../src/lib/import/import.ts';
import { KINDS } from '../../src/lib/import/kinds/index.ts';
import { SheetError } from '../../src/lib/import/read.ts';
import { createTestDb } from './harness.ts';
import {
  counts, fixture, FIXTURE_ROWS, importOk, insertPrerequisites, insertYears, ORDER, tempDir, writeGb18030Copy, writeXlsxCopy,
} from './import-helpers.ts';

let fromCsv: Db;
let fromXlsx: Db;
const tmp = tempDir();
const xlsx = (kind: string) => path.join(tmp.dir, `${kind}.xlsx`);
const gb = (kind: string) => path.join(tmp.dir, `${kind}-gb18030.csv`);

beforeAll(async () => {
  [fromCsv, fromXlsx] = await Promise.all([createTestDb(), createTestDb()]);
  await insertYears(fromCsv);
  await insertYears(fromXlsx);
  for (const kind of ORDER) {
    await writeXlsxCopy(fixture(kind), xlsx(kind));
    writeGb18030Copy(fixture(kind), gb(kind));
  }
});

afterAll(async () => {
  await fromCsv?.close();
  await fromXlsx?.close();
  tmp.remove();
});

describe('CSV and XLSX', () => {
  it('the fixtures cover both: UTF-8 with a byte order mark and without', () => {
    const boms = ORDER.map((kind) => fs.readFileSync(fixture(kind)).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
    expect(boms).toContain(true);
    expect(boms).toContain(false);
  });

  it.each(ORDER.map((kind) => [kind]))('%s: the CSV and the XLSX import with the same summary', async (kind) => {
    await insertPrerequisites(fromCsv, kind);
    await insertPrerequisites(fromXlsx, kind);
    const csv = await importOk(fromCsv, kind, fixture(kind));
    const book = await importOk(fromXlsx, kind, xlsx(kind));
    expect(csv.format).toBe('csv');
    expect(book.format).toBe('xlsx');
    expect(counts(book)).toEqual(counts(csv));
    expect(counts(csv)).toEqual({ created: FIXTURE_ROWS[kind], updated: 0, unchanged: 0 });
  });

  it.each(ORDER.map((kind) => [kind]))('%s: both databases hold the same rows', async (kind) => {
    const a = await KINDS[kind].exportRows(fromCsv, 2026);
    const b = await KINDS[kind].exportRows(fromXlsx, 2026);
    expect(b).toEqual(a);
    expect(a).toHaveLength(FIXTURE_ROWS[kind]);
  });
});

describe('GB18030', () => {
  it.each(ORDER.map((kind) => [kind]))('%s: a GB18030 file is detected and reads as the same rows (all unchanged)', async (kind) => {
    const result = await importOk(fromXlsx, kind, gb(kind));
    expect(result.encoding).toBe('gb18030');
    expect(counts(result)).toEqual({ created: 0, updated: 0, unchanged: FIXTURE_ROWS[kind] });
  });

  it('--encoding gb18030 reads it too; --encoding utf8 refuses it with a hint', async () => {
    const forced = await importOk(fromXlsx, 'units', gb('units'), { encoding: 'gb18030' });
    expect(counts(forced)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    await expect(importFile(fromXlsx, 'units', gb('units'), { encoding: 'utf8' })).rejects.toThrow(SheetError);
    await expect(importFile(fromXlsx, 'units', gb('units'), { encoding: 'utf8' })).rejects.toThrow(/--encoding gb18030/);
  });
});
