/**
 * Reads one of our CSV files back into typed rows, the way a consumer would: the column types come
 * from the dataset's published JSON Schema. Unquoted empty cells are null, quoted ones "".
 */
import { parse } from 'csv-parse/sync';
import { BOM } from './csv.ts';
import type { Cell, ColumnType, FlatRow } from './columns.ts';

export interface ColumnTypeInfo {
  type: ColumnType;
  nullable: boolean;
}

function cast(value: string, quoted: boolean, column: string, info: ColumnTypeInfo | undefined): Cell {
  if (!info) throw new Error(`CSV column "${column}" is not in the schema`);
  if (value === '' && !quoted) {
    if (!info.nullable) throw new Error(`CSV column "${column}" is empty but not nullable`);
    return null;
  }
  switch (info.type) {
    case 'string':
      return value;
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw new Error(`CSV column "${column}": "${value}" is not true/false`);
      return value === 'true';
    case 'integer':
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || (info.type === 'integer' && !Number.isInteger(n))) {
        throw new Error(`CSV column "${column}": "${value}" is not a${info.type === 'integer' ? 'n integer' : ' number'}`);
      }
      return n;
    }
  }
}

/** Rows of a CSV file written by toCsv(); throws when the BOM, header or a cell does not fit. */
export function readCsv(text: string, types: Record<string, ColumnTypeInfo>): { columns: string[]; rows: FlatRow[] } {
  if (!text.startsWith(BOM)) throw new Error('CSV file does not start with a UTF-8 byte order mark');
  const records = parse(text.slice(BOM.length), {
    record_delimiter: '\r\n',
    relax_column_count: false,
    cast: (value, context) => ({ value, quoted: context.quoting }),
  }) as unknown as { value: string; quoted: boolean }[][];
  const [header, ...body] = records;
  if (!header) throw new Error('CSV file has no header row');
  const columns = header.map((cell) => cell.value);
  const rows = body.map((record) =>
    Object.fromEntries(
      record.map(({ value, quoted }, i) => {
        const name = columns[i]!;
        return [name, cast(value, quoted, name, types[name])];
      }),
    ),
  );
  return { columns, rows };
}
