/**
 * The CSV writer (UTF-8 with BOM, RFC 4180 quoting, CRLF) and reading its files back into the
 * same rows, the way the e2e suite and a consumer read them: typed by the published JSON Schema.
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeColumns, propertyType, type FlatRow } from '../../src/lib/opendata/columns.ts';
import { BOM, csvCell, toCsv } from '../../src/lib/opendata/csv.ts';
import { readCsv, type ColumnTypeInfo } from '../../src/lib/opendata/csv-read.ts';
import { DATASETS, datasetColumns } from '../../src/lib/opendata/datasets.ts';

const bytes = (text: string) => [...Buffer.from(text, 'utf8')];

describe('toCsv', () => {
  it('starts with the UTF-8 byte order mark, then the header row', () => {
    const csv = toCsv(['code', 'name'], [{ code: 'M001', name: '市发展和改革委员会' }]);
    expect(bytes(csv).slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.slice(BOM.length)).toBe('code,name\r\nM001,市发展和改革委员会\r\n');
  });

  it('ends every record with CRLF, the last one included', () => {
    const csv = toCsv(['a'], [{ a: 1 }, { a: 2 }]);
    expect(csv).toBe(`${BOM}a\r\n1\r\n2\r\n`);
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe(`${BOM}a,b\r\n`);
  });

  it('quotes fields with a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
    expect(csvCell('cr\ronly')).toBe('"cr\ronly"');
    expect(csvCell('"')).toBe('""""');
  });

  it('leaves other text as it is: Chinese, spaces, semicolons, full-width commas', () => {
    for (const text of ['澄岚市', ' padded ', 'a;b', '甲，乙', 'tab\there', '=1+2']) expect(csvCell(text)).toBe(text);
  });

  it('writes null as an empty field and the empty string as "" so the two stay apart', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('""');
    expect(toCsv(['a', 'b', 'c'], [{ a: null, b: '', c: null }])).toBe(`${BOM}a,b,c\r\n,"",\r\n`);
  });

  it('writes numbers in their shortest exact form and booleans as true/false', () => {
    expect(csvCell(0)).toBe('0');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(117.9)).toBe('117.9');
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(1e21)).toBe('1e+21');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
  });

  it('refuses numbers a spreadsheet cannot read back', () => {
    expect(() => csvCell(Number.NaN)).toThrow(/finite/);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });

  it('is read by a standard RFC 4180 parser (csv-parse) into the same text cells', () => {
    const rows: FlatRow[] = [
      { a: 'x,y', b: '引号"在此"', c: 'two\r\nlines' },
      { a: '', b: null, c: '  space  ' },
    ];
    const parsed: string[][] = parse(toCsv(['a', 'b', 'c'], rows), { bom: true, record_delimiter: '\r\n' });
    expect(parsed).toEqual([
      ['a', 'b', 'c'],
      ['x,y', '引号"在此"', 'two\r\nlines'],
      ['', '', '  space  '],
    ]);
  });
});

describe('readCsv', () => {
  const types: Record<string, ColumnTypeInfo> = {
    id: { type: 'integer', nullable: false },
    name: { type: 'string', nullable: true },
    value: { type: 'number', nullable: true },
    ok: { type: 'boolean', nullable: false },
  };
  const columns = Object.keys(types);

  it('reads back the rows it was written from, with null and "" apart', () => {
    const rows: FlatRow[] = [
      { id: 1, name: '目标，"甲"\n第二行', value: -0.5, ok: true },
      { id: 2, name: '', value: null, ok: false },
      { id: 3, name: null, value: 1e21, ok: true },
    ];
    expect(readCsv(toCsv(columns, rows), types)).toEqual({ columns, rows });
  });

  it('refuses a file without the byte order mark', () => {
    expect(() => readCsv('id\r\n1\r\n', types)).toThrow(/byte order mark/);
  });

  it('refuses a cell that does not fit its column type', () => {
    expect(() => readCsv(`${BOM}id\r\n1.5\r\n`, types)).toThrow(/not an integer/);
    expect(() => readCsv(`${BOM}ok\r\nyes\r\n`, types)).toThrow(/true\/false/);
    expect(() => readCsv(`${BOM}id\r\n\r\n`, { id: types['id']! })).toThrow();
    expect(() => readCsv(`${BOM}other\r\nx\r\n`, types)).toThrow(/not in the schema/);
  });

  it('round-trips any rows of flat cells (property)', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', ',', '"', '\r\n', '\n', '\r', ' ', '中,文"\n'));
    const row = fc.record({
      id: fc.integer(),
      name: fc.option(text, { nil: null }),
      value: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
      ok: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        // -0 is written as "0" and read back as 0: the same number for every consumer.
        const expected = rows.map((r) => ({ ...r, value: Object.is(r.value, -0) ? 0 : r.value }));
        expect(readCsv(toCsv(columns, rows), types).rows).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('dataset columns', () => {
  it('every dataset column has a Chinese and an English description and a flat type', () => {
    for (const dataset of DATASETS) {
      const columns = datasetColumns(dataset);
      expect(columns.map((c) => c.name)).toEqual(Object.keys(dataset.row.shape));
      for (const c of columns) {
        expect(c.zh.length, `${dataset.name}.${c.name}`).toBeGreaterThan(1);
        expect(c.en.length, `${dataset.name}.${c.name}`).toBeGreaterThan(1);
        expect(['string', 'integer', 'number', 'boolean']).toContain(c.type);
      }
    }
  });

  it('a column without a description is refused', () => {
    expect(() => describeColumns(z.object({ undocumented: z.string() }))).toThrow(/no description/);
  });

  it('reads nullable types in both shapes z.toJSONSchema writes', () => {
    expect(propertyType({ type: ['string', 'null'] })).toMatchObject({ type: 'string', nullable: true });
    expect(propertyType({ anyOf: [{ type: 'integer' }, { type: 'null' }] })).toMatchObject({ type: 'integer', nullable: true });
    expect(propertyType({ type: 'string', format: 'date' })).toMatchObject({ type: 'string', nullable: false, format: 'date' });
    expect(() => propertyType({ type: 'object' })).toThrow(/flat CSV type/);
  });

  it('the nullable flags come from the zod schema: a non-null column never reads back an empty cell as null', () => {
    const targets = DATASETS.find((d) => d.name === 'targets')!;
    const byName = Object.fromEntries(datasetColumns(targets).map((c) => [c.name, c]));
    expect(byName['title']).toMatchObject({ type: 'string', nullable: false });
    expect(byName['title_en']).toMatchObject({ type: 'string', nullable: true });
    expect(byName['weight']).toMatchObject({ type: 'number', nullable: false });
    expect(byName['parent_id']).toMatchObject({ type: 'integer', nullable: true });
    expect(byName['is_public_commitment']).toMatchObject({ type: 'boolean', nullable: false });
    expect(byName['deadline']).toMatchObject({ type: 'string', format: 'date' });
  });
});
