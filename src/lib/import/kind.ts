/**
 * An import kind: its columns, its zod row schema, its natural key, how its rows are written and
 * how its stored rows are exported. `defineKind` turns the typed spec into the untyped interface
 * the import, export and template commands share.
 */
import type { z } from 'zod';
import type { Queryable } from '../db/types.ts';
import type { ColumnSpec } from './columns.ts';
import type { Cell } from './cells.ts';
import type { ImportContext } from './context.ts';

export const KIND_NAMES = ['units', 'cadres', 'indicators', 'targets', 'baselines', 'progress', 'supervision', 'consultations', 'leader-reports', 'accountability'] as const;
export type KindName = (typeof KIND_NAMES)[number];

export function isKindName(name: string): name is KindName {
  return (KIND_NAMES as readonly string[]).includes(name);
}

/** A data row's cells by column key (only the columns the file has). */
export interface CellRow {
  row: number;
  cells: Record<string, Cell>;
}

/** A row that passed its schema. */
export interface ParsedRow<R> {
  row: number;
  value: R;
}

/** A stored row for export: canonical text by column key. */
export type ExportRow = Record<string, string | null>;

export interface KindSpec<R> {
  name: KindName;
  label: { zh: string; en: string };
  /** What the natural key is, for docs and messages. */
  keyDoc: string;
  columns: readonly ColumnSpec[];
  schema: z.ZodType<R>;
  /** The column reported for duplicate keys. */
  keyColumn: string;
  key(row: R): string;
  /** Whether export needs --year. */
  yearScoped: boolean;
  /** Checks references and writes the rows (inside the import's transaction). */
  apply(tx: Queryable, rows: readonly ParsedRow<R>[], ctx: ImportContext): Promise<void>;
  exportRows(q: Queryable, year: number | undefined): Promise<ExportRow[]>;
}

export interface ImportKind {
  readonly name: KindName;
  readonly label: { zh: string; en: string };
  readonly keyDoc: string;
  readonly columns: readonly ColumnSpec[];
  readonly yearScoped: boolean;
  /** Validates every row (errors go to ctx); the result writes the valid ones. */
  prepare(rows: readonly CellRow[], ctx: ImportContext): { valid: number; apply(tx: Queryable): Promise<void> };
  exportRows(q: Queryable, year: number | undefined): Promise<ExportRow[]>;
}

export function defineKind<R>(spec: KindSpec<R>): ImportKind {
  return {
    name: spec.name,
    label: spec.label,
    keyDoc: spec.keyDoc,
    columns: spec.columns,
    yearScoped: spec.yearScoped,
    exportRows: (q, year) => spec.exportRows(q, year),
    prepare(rows, ctx) {
      const valid: ParsedRow<R>[] = [];
      const firstRowOfKey = new Map<string, number>();
      for (const { row, cells } of rows) {
        const result = spec.schema.safeParse(cells);
        if (!result.success) {
          for (const issue of result.error.issues) {
            const key = typeof issue.path[0] === 'string' ? issue.path[0] : spec.keyColumn;
            ctx.error(row, key, issue.message);
          }
          ctx.tick();
          continue;
        }
        const key = spec.key(result.data);
        const first = firstRowOfKey.get(key);
        if (first !== undefined) {
          ctx.error(row, spec.keyColumn, `duplicate key: row ${first} has the same ${spec.keyDoc}`);
          ctx.tick();
          continue;
        }
        firstRowOfKey.set(key, row);
        valid.push({ row, value: result.data });
      }
      return {
        valid: valid.length,
        apply: (tx) => spec.apply(tx, valid, ctx),
      };
    },
  };
}
