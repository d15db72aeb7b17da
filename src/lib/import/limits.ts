/**
 * How much one spreadsheet may make an import do. A hostile file (a 1.2 MB .xlsx whose sheet
 * inflates to 348 MB) and a careless one (a million formatted empty rows) must both be refused
 * early, in bounded memory, with a message that says which limit and what to do.
 */
import yauzl from 'yauzl';
import { SheetError } from './sheet-error.ts';

export interface SheetLimits {
  /** Size of the file itself. */
  maxFileBytes: number;
  /** XLSX: the archive's entries inflated, all together. */
  maxInflatedBytes: number;
  /** XLSX: inflated ÷ compressed size of one entry larger than 1 MB inflated. */
  maxCompressionRatio: number;
  /** Rows with data (blank rows are not counted: they are dropped). */
  maxRows: number;
  /** Cells in those rows. */
  maxCells: number;
  /** Characters in one cell (Excel's own limit). */
  maxCellChars: number;
}

export const SHEET_LIMITS: Readonly<SheetLimits> = {
  maxFileBytes: 64 * 1024 * 1024,
  maxInflatedBytes: 160 * 1024 * 1024,
  maxCompressionRatio: 150,
  maxRows: 100_000,
  maxCells: 2_000_000,
  maxCellChars: 32_767,
};

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString('en-US');

/** What to do about a file over a limit; said with every refusal. */
export const SPLIT_HINT =
  'Split the file into several (for example one per month or per unit) and import them one after another, ' +
  'or delete the empty but formatted rows and columns below and beside the data (select them, Delete) and save again.';

/** A limit a file went over: the message names it, the file's figure and what to do. */
export class SheetLimitError extends SheetError {
  override name = 'SheetLimitError';
}

export function refuse(file: string, what: string): never {
  throw new SheetLimitError(`${file}: ${what}. ${SPLIT_HINT}`);
}

export const describeLimit = {
  rows: (limits: SheetLimits) => `more than ${count(limits.maxRows)} rows with data (the limit)`,
  cells: (limits: SheetLimits) => `more than ${count(limits.maxCells)} cells with data (the limit)`,
  cell: (limits: SheetLimits, row: number) => `row ${row} has a cell of more than ${count(limits.maxCellChars)} characters (the limit)`,
  file: (limits: SheetLimits, size: number) => `the file has ${MB(size)}; at most ${MB(limits.maxFileBytes)} are read`,
};

/**
 * Checks an .xlsx archive before any XML is parsed: the sizes its directory declares (total and
 * compression ratio of each entry), then the real inflated sizes while reading every entry once
 * (yauzl refuses an entry that inflates to more than it declared, so a lying directory cannot
 * slip through). Reads the archive in a stream: memory stays small whatever the file.
 */
export async function checkXlsxArchive(file: string, limits: SheetLimits = SHEET_LIMITS): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    // Entries are read while iterating (and again below): the file stays open until close().
    zip = await yauzl.openPromise(file, { autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw new SheetLimitError(`${file}: not a readable .xlsx file (${(error as Error).message}).`);
  }
  try {
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxCompressionRatio) {
        refuse(file, `its part ${entry.fileName} inflates ${Math.round(ratio)} times (${MB(entry.compressedSize)} to ${MB(entry.uncompressedSize)}); ` +
          `at most ${limits.maxCompressionRatio} times is read — a sheet of mostly empty formatted rows, or a zip bomb`);
      }
      if (declared > limits.maxInflatedBytes) {
        refuse(file, `it inflates to more than ${MB(limits.maxInflatedBytes)} (the limit; ${MB(declared)} so far)`);
      }
    }
    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.maxInflatedBytes) {
          stream.destroy();
          refuse(file, `it inflates to more than ${MB(limits.maxInflatedBytes)} (the limit)`);
        }
      }
    }
  } catch (error) {
    if (error instanceof SheetLimitError) throw error;
    throw new SheetLimitError(`${file}: not a readable .xlsx file (${(error as Error).message}).`);
  } finally {
    zip.close();
  }
}
