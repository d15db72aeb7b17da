/**
 * Writes rows in the formats the import reads: CSV (UTF-8 with BOM so Excel shows Chinese, or
 * GB18030; CRLF; RFC 4180 quoting) and XLSX (exceljs; numbers as numbers, everything else as text
 * so Excel does not turn codes or months into dates).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { headerName, type ColumnSpec, type Lang } from './columns.ts';
import type { ExportRow } from './kind.ts';
import type { Encoding, Format } from './read.ts';
import { BOOLEAN, vocabLabel } from './vocab.ts';

export interface WriteOptions {
  format: Format;
  lang: Lang;
  /** CSV only (default utf8, written with a byte order mark). */
  encoding?: Encoding | undefined;
  sheetName: string;
  /** XLSX only: a second worksheet describing the columns (templates). */
  notes?: boolean;
  /** A line above the header (e.g. that the file holds personal data); such a file does not re-import. */
  preamble?: string | undefined;
}

/** A stored value as the spreadsheet shows it: enums and yes/no by the language's label. */
export function displayValue(column: ColumnSpec, value: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'enum' && column.vocab) return vocabLabel(column.vocab, value, lang);
  if (column.type === 'boolean') return lang === 'zh' ? vocabLabel(BOOLEAN, value, 'zh') : value;
  return value;
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeCsv(file: string, columns: readonly ColumnSpec[], rows: readonly ExportRow[], options: WriteOptions): Promise<void> {
  const encoding = options.encoding ?? 'utf8';
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    const bytes = encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
    if (!out.write(bytes)) await once(out, 'drain');
  };
  const line = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`;
  try {
    await write((encoding === 'utf8' ? '\uFEFF' : '') + (options.preamble ? line([options.preamble]) : '') + line(columns.map((c) => headerName(c, options.lang))));
    for (let start = 0; start < rows.length; start += 1000) {
      await write(rows.slice(start, start + 1000).map((r) => line(columns.map((c) => displayValue(c, r[c.key], options.lang)))).join(''));
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}

function sheetTitle(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

async function writeXlsx(file: string, columns: readonly ColumnSpec[], rows: readonly ExportRow[], options: WriteOptions): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongshi';
  const headerRow = options.preamble ? 2 : 1;
  const sheet = workbook.addWorksheet(sheetTitle(options.sheetName), { views: [{ state: 'frozen', ySplit: headerRow }] });
  if (options.preamble) sheet.addRow([options.preamble]).font = { bold: true, color: { argb: 'FFC00000' } };
  sheet.addRow(columns.map((c) => headerName(c, options.lang)));
  sheet.getRow(headerRow).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(columns.map((c) => {
      const shown = displayValue(c, r[c.key], options.lang);
      if (shown === '') return null;
      // A number only where it reads back as the same text; anything else stays text.
      if ((c.type === 'number' || c.type === 'int') && String(Number(shown)) === shown) return Number(shown);
      return shown;
    }));
  }
  columns.forEach((c, i) => {
    const longest = Math.max(headerName(c, options.lang).length * 2, ...rows.slice(0, 200).map((r) => (r[c.key] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  if (options.notes) {
    const notes = workbook.addWorksheet(options.lang === 'zh' ? '填写说明' : 'Columns');
    notes.addRow(options.lang === 'zh' ? ['列名', '英文列名', '必填', '格式'] : ['column', 'Chinese name', 'required', 'format']);
    notes.getRow(1).font = { bold: true };
    for (const c of columns) {
      notes.addRow(options.lang === 'zh'
        ? [c.zh, c.key, c.infoOnly ? '导入时忽略' : c.required ? '是' : '否', c.doc]
        : [c.key, c.zh, c.infoOnly ? 'ignored on import' : c.required ? 'yes' : 'no', c.doc]);
    }
    notes.getColumn(1).width = 18;
    notes.getColumn(2).width = 22;
    notes.getColumn(4).width = 100;
  }
  await workbook.xlsx.writeFile(file);
}

export async function writeSheet(file: string, columns: readonly ColumnSpec[], rows: readonly ExportRow[], options: WriteOptions): Promise<void> {
  if (options.format === 'csv') await writeCsv(file, columns, rows, options);
  else await writeXlsx(file, columns, rows, options);
}
