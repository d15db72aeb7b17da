/**
 * Hostile and careless spreadsheets (issue 19): generated zip bombs, sheets of formatted empty
 * rows, and files over the row, cell and size limits are refused early with a message that names
 * the limit and says how to split the file — CSV (UTF-8 and GB18030) and XLSX alike.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { SHEET_LIMITS, SheetLimitError, SPLIT_HINT, type SheetLimits } from '../../src/lib/import/limits.ts';
import { readSheet, SheetError } from '../../src/lib/import/read.ts';
import { replaceFirstSheet, writeWorkbook } from '../fixtures/sheets.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-limits-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => path.join(dir, name);
const workbook = (name: string, rows: number) => writeWorkbook(at(name), rows);
const withSheet = (source: string, name: string, row: string, repeat: number) => replaceFirstSheet(source, at(name), row, repeat);
const limits = (overrides: Partial<SheetLimits>): SheetLimits => ({ ...SHEET_LIMITS, ...overrides });

async function refusal(read: Promise<unknown>): Promise<string> {
  const error = await read.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SheetLimitError);
  expect(error).toBeInstanceOf(SheetError); // the CLI reports it as it reports any unreadable sheet
  expect((error as Error).message).toContain(SPLIT_HINT);
  return (error as Error).message;
}

describe('XLSX archives', () => {
  it('a zip bomb (a sheet that inflates to 348 MB from a small archive) is refused before any XML is parsed', async () => {
    const base = await workbook('base.xlsx', 3);
    // Each row is the same formatted empty row: deflate shrinks 348 MB to well under 1%.
    const bomb = await withSheet(base, 'bomb.xlsx', '<row s="1" customFormat="1" ht="15" customHeight="1"/>', Math.ceil((348 * 1024 * 1024) / 54));
    expect(fs.statSync(bomb).size).toBeLessThan(4 * 1024 * 1024);
    const message = await refusal(readSheet(bomb));
    expect(message).toMatch(/xl\/worksheets\/sheet1\.xml inflates \d+ times .* at most 150 times is read/);
  });

  it('a careless sheet of formatted empty rows below the data is refused by its compression ratio, with what to do', async () => {
    const base = await workbook('careless-base.xlsx', 5);
    const careless = await withSheet(base, 'careless.xlsx', '<row s="2" customFormat="1"><c s="2"/><c s="2"/><c s="2"/></row>', 200_000);
    const message = await refusal(readSheet(careless));
    expect(message).toMatch(/delete the empty but formatted rows/);
  });

  it('an archive over the inflated-size limit is refused, whatever its ratio', async () => {
    const file = await workbook('big.xlsx', 3000);
    const message = await refusal(readSheet(file, { limits: limits({ maxInflatedBytes: 64 * 1024 }) }));
    expect(message).toMatch(/inflates to more than 0\.1 MB \(the limit/);
  });

  it('a workbook within the limits reads as before', async () => {
    const sheet = await readSheet(await workbook('fine.xlsx', 50));
    expect(sheet.rows).toHaveLength(50);
    expect(sheet.rows[49]).toEqual({ row: 51, cells: ['A050', '第50项目标', '50'] });
  });

  it('a file that is no archive says so, as before', async () => {
    fs.writeFileSync(at('fake.xlsx'), 'not a zip at all');
    await expect(readSheet(at('fake.xlsx'))).rejects.toThrow(/not a readable \.xlsx file/);
  });
});

describe('rows, cells and file size, for every format', () => {
  const csvRows = (n: number) => ['单位代码,目标名称', ...Array.from({ length: n }, (_, i) => `A${i},第${i}项`)].join('\r\n');

  it.each([
    ['UTF-8 CSV', () => { fs.writeFileSync(at('rows.csv'), csvRows(30)); return Promise.resolve(at('rows.csv')); }],
    ['GB18030 CSV', () => { fs.writeFileSync(at('rows-gb.csv'), iconv.encode(csvRows(30), 'gb18030')); return Promise.resolve(at('rows-gb.csv')); }],
    ['XLSX', () => workbook('rows.xlsx', 30)],
  ])('%s: more data rows than the limit are refused, naming it', async (_label, make) => {
    const message = await refusal(readSheet(await make(), { limits: limits({ maxRows: 20 }) }));
    expect(message).toMatch(/more than 20 rows with data \(the limit\)/);
  });

  it('blank rows do not count towards the row limit (they are dropped)', async () => {
    fs.writeFileSync(at('blank.csv'), `${csvRows(10)}${'\r\n,'.repeat(100)}`);
    expect((await readSheet(at('blank.csv'), { limits: limits({ maxRows: 10 }) })).rows).toHaveLength(10);
  });

  it('more cells than the limit are refused', async () => {
    fs.writeFileSync(at('cells.csv'), csvRows(30));
    expect(await refusal(readSheet(at('cells.csv'), { limits: limits({ maxCells: 40 }) }))).toMatch(/more than 40 cells/);
  });

  it('a cell longer than Excel allows is refused with its row', async () => {
    fs.writeFileSync(at('cell.csv'), `单位代码,备注\r\nA1,短\r\nA2,"${'长'.repeat(SHEET_LIMITS.maxCellChars + 1)}"\r\n`);
    expect(await refusal(readSheet(at('cell.csv')))).toMatch(/row 3 has a cell of more than 32,767 characters/);
  });

  it('a file over the size limit is refused before it is read', async () => {
    fs.writeFileSync(at('size.csv'), csvRows(1000));
    expect(await refusal(readSheet(at('size.csv'), { limits: limits({ maxFileBytes: 1024 }) }))).toMatch(/at most 0\.0 MB are read/);
  });
});
