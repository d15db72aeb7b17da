/**
 * Reads a spreadsheet as rows of text cells, numbered as a spreadsheet program shows them
 * (the header is row 1). CSV goes through csv-parse's streaming parser: UTF-8 with or without BOM,
 * GB18030 (GBK) detected or forced, quoted newlines. XLSX goes through exceljs's streaming reader
 * (first worksheet), after its archive passed checkXlsxArchive(). Rows whose cells are all empty
 * are dropped, wherever they are. Both stop at the limits of limits.ts, in bounded memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { SheetError } from './sheet-error.ts';
import { checkXlsxArchive, describeLimit, refuse, SHEET_LIMITS, type SheetLimits } from './limits.ts';
import { xlsxInReadingOrder } from './xlsx-order.ts';

export type Encoding = 'utf8' | 'gb18030';
export const ENCODINGS: readonly Encoding[] = ['utf8', 'gb18030'];
export type Format = 'csv' | 'xlsx';

export interface SheetRow {
  /** 1-based row number as a spreadsheet shows it. */
  row: number;
  cells: string[];
}

export interface Sheet {
  format: Format;
  /** The encoding a CSV was read in. */
  encoding?: Encoding;
  header: SheetRow;
  rows: SheetRow[];
}

export { SheetError };

export function formatOf(file: string): Format {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls') throw new SheetError(`${file}: the old .xls format is not supported; save it as .xlsx or CSV.`);
  throw new SheetError(`${file}: unknown file type "${ext}"; use .csv or .xlsx.`);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The encoding of a CSV file: UTF-8 when it has a UTF-8 byte order mark or is valid UTF-8
 * throughout, otherwise GB18030 (which includes GBK and GB2312, what Chinese Excel saves as "CSV").
 */
export async function detectEncoding(file: string): Promise<{ encoding: Encoding; bom: boolean }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let bom = false;
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 16 })) {
      const bytes = chunk as Buffer;
      if (first) {
        first = false;
        bom = UTF8_BOM.every((b, i) => bytes[i] === b);
        if (bom) return { encoding: 'utf8', bom };
      }
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
    return { encoding: 'utf8', bom };
  } catch (error) {
    if (error instanceof TypeError) return { encoding: 'gb18030', bom: false };
    throw error;
  }
}

function blank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** Collects data rows, refusing the file once it passes a row, cell or cell-size limit. */
class RowCollector {
  readonly rows: SheetRow[] = [];
  #cells = 0;
  constructor(readonly file: string, readonly limits: SheetLimits) {}

  add(row: number, cells: string[]): void {
    if (blank(cells)) return;
    if (this.rows.length >= this.limits.maxRows + 1) refuse(this.file, describeLimit.rows(this.limits));
    this.#cells += cells.length;
    if (this.#cells > this.limits.maxCells) refuse(this.file, describeLimit.cells(this.limits));
    if (cells.some((cell) => cell.length > this.limits.maxCellChars)) refuse(this.file, describeLimit.cell(this.limits, row));
    this.rows.push({ row, cells });
  }
}

async function readCsv(file: string, forced: Encoding | undefined, limits: SheetLimits): Promise<Sheet> {
  const detected = await detectEncoding(file);
  if (forced === 'utf8' && detected.encoding !== 'utf8') {
    throw new SheetError(`${file}: the file is not valid UTF-8; it looks like GB18030 (GBK). Try --encoding gb18030.`);
  }
  const encoding = forced ?? detected.encoding;
  const parser = fs
    .createReadStream(file)
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    // A cell can be no longer than the limit; csv-parse stops a runaway quoted field there too.
    .pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: limits.maxCellChars * 64 }));
  const collected = new RowCollector(file, limits);
  let row = 0;
  try {
    for await (const record of parser) {
      row++;
      collected.add(row, record as string[]);
    }
  } catch (error) {
    const e = error as Error & { code?: string; lines?: number };
    if (e.code === 'CSV_MAX_RECORD_SIZE') refuse(file, describeLimit.cell(limits, row + 1));
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new SheetError(`${file}:${row + 1}: ${e.message.replace(/^[^:]*: /, '')}`);
    }
    throw error;
  } finally {
    parser.destroy();
  }
  const rows = collected.rows;
  const header = rows.shift();
  if (!header) throw new SheetError(`${file}: the file is empty (no header row).`);
  return { format: 'csv', encoding, header, rows };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell of exceljs as the text a person sees in it. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    // exceljs reads a date cell as that wall-clock time in UTC.
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const h = value.getUTCHours();
    const m = value.getUTCMinutes();
    const s = value.getUTCSeconds();
    return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return cellText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  if ('error' in value) return value.error;
  return '';
}

async function readXlsx(file: string, limits: SheetLimits): Promise<Sheet> {
  await checkXlsxArchive(file, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(await xlsxInReadingOrder(file), {
    sharedStrings: 'cache',
    // Styles tell a date from a number; hyperlinks and the rest are not needed.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const collected = new RowCollector(file, limits);
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets++;
      for await (const r of worksheet) {
        const cells: string[] = [];
        for (let c = 1; c <= r.cellCount; c++) cells.push(cellText(r.getCell(c).value));
        collected.add(r.number, cells);
      }
      // The first worksheet only (as a person sees it first; the others are not read).
      break;
    }
  } catch (error) {
    if (error instanceof SheetError) throw error;
    throw new SheetError(`${file}: not a readable .xlsx file (${(error as Error).message}).`);
  }
  if (sheets === 0) throw new SheetError(`${file}: the workbook has no worksheet.`);
  const rows = collected.rows;
  const header = rows.shift();
  if (!header) throw new SheetError(`${file}: the first worksheet is empty (no header row).`);
  return { format: 'xlsx', header, rows };
}

export async function readSheet(
  file: string,
  options: { encoding?: Encoding | undefined; limits?: SheetLimits | undefined } = {},
): Promise<Sheet> {
  const format = formatOf(file);
  if (!fs.existsSync(file)) throw new SheetError(`${file}: no such file.`);
  const limits = options.limits ?? SHEET_LIMITS;
  const size = fs.statSync(file).size;
  if (size > limits.maxFileBytes) refuse(file, describeLimit.file(limits, size));
  return format === 'csv' ? readCsv(file, options.encoding, limits) : readXlsx(file, limits);
}
