/**
 * What an import run collects while it checks and writes rows: row errors as
 * `file:row:column: message`, the created/updated/unchanged counts, progress.
 */
import { pgErrorFields } from '../db/errors.ts';
import type { Queryable } from '../db/types.ts';
import { headerName, type ColumnSpec, type Lang } from './columns.ts';

export interface RowError {
  file: string;
  /** The column's key (its English name). */
  key: string;
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** The column as the file names it. */
  column: string;
  message: string;
}

export function formatRowError(e: RowError): string {
  return `${e.file}:${e.row}:${e.column}: ${e.message}`;
}

export interface ImportProgress {
  start(total: number): void;
  tick(n: number): void;
  done(): void;
}

export class ImportContext {
  readonly errors: RowError[] = [];
  created = 0;
  updated = 0;
  unchanged = 0;
  #order: Map<string, number>;

  constructor(
    readonly file: string,
    readonly columns: readonly ColumnSpec[],
    /** Header text per column key, as the file writes it. */
    readonly names: ReadonlyMap<string, string>,
    readonly lang: Lang,
    readonly progress?: ImportProgress,
  ) {
    this.#order = new Map(columns.map((c, i) => [c.key, i]));
  }

  /** The column as the file names it (or as it would, for a column the file does not have). */
  columnName(key: string): string {
    const named = this.names.get(key);
    if (named) return named;
    const column = this.columns.find((c) => c.key === key);
    return column ? headerName(column, this.lang) : key;
  }

  error(row: number, key: string, message: string): void {
    this.errors.push({ file: this.file, key, row, column: this.columnName(key), message });
  }

  /** Errors by row, then by column order. */
  sortedErrors(): RowError[] {
    const position = (e: RowError) => this.#order.get(e.key) ?? -1;
    return [...this.errors].sort((a, b) => a.row - b.row || position(a) - position(b));
  }

  tick(n = 1): void {
    this.progress?.tick(n);
  }
}

/** Where a database error belongs in the file: constraint or column name → column key. */
export interface PgErrorMap {
  /** Fallback column for errors that name no known constraint or column. */
  fallback: string;
  /** Constraint or database column name → column key. */
  columns: Record<string, string>;
  /** Message patterns → column key, tried last. */
  messages?: readonly (readonly [RegExp, string])[];
}

/** A database error as a row error: the column it concerns and a readable message. */
export function mapPgError(error: unknown, map: PgErrorMap): { key: string; message: string } {
  const pg = pgErrorFields(error);
  if (!pg) throw error;
  let key: string | undefined;
  if (pg.constraint) {
    key = map.columns[pg.constraint];
    if (!key) {
      // Postgres names unnamed constraints <table>_<column>_check / _fkey / _key.
      const column = pg.table && pg.constraint.startsWith(`${pg.table}_`)
        ? pg.constraint.slice(pg.table.length + 1).replace(/_(check|fkey|key|not_null)$/, '')
        : undefined;
      if (column) key = map.columns[column];
    }
  }
  if (!key && pg.column) key = map.columns[pg.column];
  if (!key) key = map.messages?.find(([re]) => re.test(pg.message))?.[1];
  const detail = pg.code === '23505' || pg.code === '23503' ? pg.detail : undefined;
  const message = [pg.message.replace(/\.$/, '') + '.', detail, pg.hint].filter(Boolean).join(' ');
  return { key: key ?? map.fallback, message: `${message} (SQLSTATE ${pg.code})` };
}

/** Rows in batches of this size share one savepoint; a failing batch is retried row by row. */
const BATCH = 500;
const SAVEPOINT = 'gongshi_import_row';

/**
 * Runs `write` for the items in batches, each inside a savepoint. A batch that fails is rolled
 * back and retried one item at a time, so every failing item is reported (as a row error) and
 * the good ones are still written; the caller decides whether to keep any of it.
 */
export async function guardedWrite<T extends { row: number }>(
  tx: Queryable,
  ctx: ImportContext,
  items: readonly T[],
  write: (batch: readonly T[]) => Promise<void>,
  map: PgErrorMap,
  /** Moves an error to another column once the failing item is known. */
  columnFor?: (item: T, key: string) => string,
): Promise<T[]> {
  const failed: T[] = [];
  const attempt = async (batch: readonly T[]): Promise<boolean> => {
    await tx.exec(`savepoint ${SAVEPOINT}`);
    try {
      await write(batch);
      await tx.exec(`release savepoint ${SAVEPOINT}`);
      return true;
    } catch (error) {
      if (!pgErrorFields(error)) throw error;
      await tx.exec(`rollback to savepoint ${SAVEPOINT}`);
      await tx.exec(`release savepoint ${SAVEPOINT}`);
      if (batch.length === 1) {
        const { key, message } = mapPgError(error, map);
        ctx.error(batch[0]!.row, columnFor ? columnFor(batch[0]!, key) : key, message);
        failed.push(batch[0]!);
      }
      return false;
    }
  };
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    if (!(await attempt(batch)) && batch.length > 1) {
      for (const item of batch) await attempt([item]);
    }
    ctx.tick(batch.length);
  }
  return failed;
}
