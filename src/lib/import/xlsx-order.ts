/**
 * ExcelJS's streaming reader reads an .xlsx archive in one pass and needs the workbook part
 * (xl/workbook.xml) before it can read a worksheet. Excel stores that part early; ExcelJS itself
 * stores it last, and then the pass may end without it and the read fails with "Cannot read
 * properties of undefined (reading 'sheets')" — a race (exceljs#3064) that made about one read in
 * thirty of our own exports fail. So the importer hands the reader the archive re-packed with its
 * parts in reading order: relationships, workbook, shared strings and styles, then the worksheets,
 * then the rest. The archive is streamed from its central directory (yauzl) into a new one (yazl),
 * one part at a time, so nothing is written to disk and memory stays that of one part's buffers.
 */
import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';

const FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/** Where a part goes: the named ones in their order, then worksheets, then everything else. */
function rank(name: string): number {
  const named = FIRST.indexOf(name);
  if (named >= 0) return named;
  return WORKSHEET.test(name) ? FIRST.length : FIRST.length + 1;
}

/** The archive's parts as a new archive stream, in the order the streaming reader needs them. */
export async function xlsxInReadingOrder(file: string): Promise<Readable> {
  const source = await yauzl.openPromise(file, { autoClose: false, validateEntrySizes: true });
  const entries: yauzl.Entry[] = [];
  for await (const entry of source.eachEntry()) if (!entry.fileName.endsWith('/')) entries.push(entry);
  // A stable sort keeps worksheets (and the rest) in their stored order.
  entries.sort((a, b) => rank(a.fileName) - rank(b.fileName));
  const target = new yazl.ZipFile();
  for (const entry of entries) {
    target.addReadStreamLazy(entry.fileName, { compress: true }, (done) => {
      source.openReadStreamPromise(entry).then((stream) => done(null, stream), (error: Error) => done(error, null as never));
    });
  }
  target.end();
  const output = new PassThrough();
  target.outputStream.once('error', (error: Error) => output.destroy(error)).pipe(output);
  output.once('close', () => source.close());
  return output;
}
