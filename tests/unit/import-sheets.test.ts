/**
 * Reading and writing spreadsheets: CSV encodings (UTF-8 with/without BOM, GB18030), quoted
 * newlines, empty rows, XLSX cell types; exports and templates read back as they were written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveHeader } from '../../src/lib/import/columns.ts';
import { ImportContext } from '../../src/lib/import/context.ts';
import { writeTemplate } from '../../src/lib/import/import.ts';
import { KIND_NAMES } from '../../src/lib/import/kind.ts';
import { KINDS } from '../../src/lib/import/kinds/index.ts';
import { cellText, detectEncoding, readSheet, SheetError } from '../../src/lib/import/read.ts';
import { writeSheet } from '../../src/lib/import/write.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-sheets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const CSV = '单位代码,单位名称,备注\r\nA01,"市测试局, 一处","第一行\r\n第二行"\r\n\r\n,,\r\nA02,市测试二局,"引号""内"""\r\n\r\n\r\n';
const EXPECTED_ROWS = [
  { row: 2, cells: ['A01', '市测试局, 一处', '第一行\r\n第二行'] },
  { row: 5, cells: ['A02', '市测试二局', '引号"内"'] },
];

describe('CSV', () => {
  it('UTF-8 with a byte order mark: the mark is not part of the first header', async () => {
    const sheet = await readSheet(file('bom.csv', `\uFEFF${CSV}`));
    expect(sheet).toMatchObject({ format: 'csv', encoding: 'utf8' });
    expect(sheet.header).toEqual({ row: 1, cells: ['单位代码', '单位名称', '备注'] });
    // Quoted commas, quotes and newlines; empty rows skipped wherever they are, row numbers kept.
    expect(sheet.rows).toEqual(EXPECTED_ROWS);
  });

  it('UTF-8 without a mark reads the same', async () => {
    const sheet = await readSheet(file('plain.csv', CSV));
    expect(sheet.encoding).toBe('utf8');
    expect(sheet.rows).toEqual(EXPECTED_ROWS);
  });

  it('GB18030 is detected (also when the first 64 KiB are ASCII) and reads the same', async () => {
    const gb = file('gb.csv', iconv.encode(CSV, 'gb18030'));
    expect(await detectEncoding(gb)).toEqual({ encoding: 'gb18030', bom: false });
    const sheet = await readSheet(gb);
    expect(sheet.encoding).toBe('gb18030');
    expect(sheet.header.cells).toEqual(['单位代码', '单位名称', '备注']);
    expect(sheet.rows).toEqual(EXPECTED_ROWS);

    const late = file('gb-late.csv', Buffer.concat([Buffer.from(`code,name\r\n${'A01,ascii\r\n'.repeat(8000)}`), iconv.encode('A02,测试\r\n', 'gb18030')]));
    const lateSheet = await readSheet(late);
    expect(lateSheet.encoding).toBe('gb18030');
    expect(lateSheet.rows.at(-1)).toEqual({ row: 8002, cells: ['A02', '测试'] });
  });

  it('a forced encoding wins; forcing UTF-8 on a GB18030 file is refused with a hint', async () => {
    const gb = file('gb2.csv', iconv.encode(CSV, 'gb18030'));
    expect((await readSheet(gb, { encoding: 'gb18030' })).rows).toEqual(EXPECTED_ROWS);
    await expect(readSheet(gb, { encoding: 'utf8' })).rejects.toThrow(/not valid UTF-8.*--encoding gb18030/);
  });

  it('an unclosed quote is reported with its file and row', async () => {
    await expect(readSheet(file('broken.csv', 'a,b\r\n1,"open\r\n2,3\r\n'))).rejects.toThrow(SheetError);
  });

  it('empty files, unknown extensions and .xls are refused with a clear message', async () => {
    await expect(readSheet(file('empty.csv', '\r\n\r\n'))).rejects.toThrow(/empty \(no header row\)/);
    await expect(readSheet(file('data.ods', 'x'))).rejects.toThrow(/unknown file type ".ods"/);
    await expect(readSheet(file('old.xls', 'x'))).rejects.toThrow(/\.xls format is not supported/);
    await expect(readSheet(path.join(dir, 'missing.csv'))).rejects.toThrow(/no such file/);
  });
});

describe('XLSX', () => {
  it('cells of every type read as the text a person sees; empty rows are skipped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(['code', 'value', 'date', 'flag', 'rich', 'formula']);
    sheet.addRow(['A01', 8500, new Date(Date.UTC(2026, 11, 31)), true,
      { richText: [{ text: '富' }, { text: '文本' }] }, { formula: 'B2*2', result: 17000 }]);
    sheet.addRow([]);
    sheet.addRow(['A02', 0.1 + 0.2, new Date(Date.UTC(2026, 1, 5, 23, 30)), false, 'x', null]);
    const xlsx = path.join(dir, 'types.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const read = await readSheet(xlsx);
    expect(read.format).toBe('xlsx');
    expect(read.rows).toEqual([
      { row: 2, cells: ['A01', '8500', '2026-12-31', 'true', '富文本', '17000'] },
      { row: 4, cells: ['A02', '0.3', '2026-02-05 23:30:00', 'false', 'x'] },
    ]);
  });

  it('cellText handles hyperlinks and errors', () => {
    expect(cellText({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
  });
});

describe('writing', () => {
  const columns = KINDS.supervision.columns;
  const rows = [
    { year: '2026', ref: 'DC-1', unit_code: 'A01', unit_name: '市测试局', target_code: null, method: 'covert_visit', conducted_on: '2026-03-05',
      finding: '第一行\n第二行, 含逗号 "引号"', finding_en: null, score_delta: '-1.5', is_public: 'true' },
  ];

  it.each([
    ['csv', 'zh', undefined],
    ['csv', 'en', 'gb18030'],
    ['xlsx', 'zh', undefined],
    ['xlsx', 'en', undefined],
  ] as const)('%s with %s headers (%s) reads back to the same cells', async (format, lang, encoding) => {
    const out = path.join(dir, `write-${lang}-${encoding ?? 'utf8'}.${format}`);
    await writeSheet(out, columns, rows, { format, lang, encoding, sheetName: 'x' });
    if (format === 'csv' && encoding === undefined) expect(fs.readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const sheet = await readSheet(out);
    expect(sheet.encoding).toBe(format === 'csv' ? (encoding ?? 'utf8') : undefined);
    const header = resolveHeader(columns, sheet.header.cells, 'supervision');
    expect(header.problems).toEqual([]);
    expect(header.lang).toBe(lang);
    const cells = Object.fromEntries(sheet.header.cells.map((h, i) => [columns.find((c) => c.zh === h || c.key === h)!.key, sheet.rows[0]!.cells[i] ?? '']));
    expect(cells).toMatchObject({
      ref: 'DC-1', finding: '第一行\n第二行, 含逗号 "引号"', score_delta: '-1.5', target_code: '',
      method: lang === 'zh' ? '暗访' : 'covert_visit', is_public: lang === 'zh' ? '是' : 'true',
    });
  });

  it.each(KIND_NAMES.map((k) => [k]))('the %s template has every column and an example row that passes the row schema', async (kind) => {
    for (const format of ['csv', 'xlsx'] as const) {
      const out = path.join(dir, `template-${kind}.${format}`);
      await writeTemplate(kind, out, { format, lang: 'zh' });
      const sheet = await readSheet(out);
      expect(sheet.header.cells).toEqual(KINDS[kind].columns.map((c) => c.zh));
      expect(sheet.rows).toHaveLength(1);
      const header = resolveHeader(KINDS[kind].columns, sheet.header.cells, kind);
      const ctx = new ImportContext(out, KINDS[kind].columns, header.names, header.lang);
      const cells = Object.fromEntries(header.keys.flatMap((key, i) => (key ? [[key, sheet.rows[0]!.cells[i]?.trim() || null]] : [])));
      expect(KINDS[kind].prepare([{ row: 2, cells }], ctx).valid).toBe(1);
      expect(ctx.errors).toEqual([]);
    }
  });
});
