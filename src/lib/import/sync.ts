/**
 * Keyed upsert of file rows into one table: each row either matches a stored row by its natural
 * key (then it is unchanged or updated, column by column) or is new (created). Values on both
 * sides are the canonical text Postgres prints, so equal means equal.
 */
import { insertRows } from '../db/insert.ts';
import type { Queryable } from '../db/types.ts';
import { guardedWrite, type ImportContext, type PgErrorMap } from './context.ts';

/** Values by database column; undefined means "the file has no such column: keep what is stored". */
export type Values = Record<string, string | null | undefined>;
export type StoredValues = Record<string, string | null>;

export interface Stored {
  id: number;
  values: StoredValues;
}

export interface SyncItem {
  row: number;
  values: Values;
  existing?: Stored | undefined;
}

export interface SyncTable {
  /** Schema-qualified table name (a constant of the kind, never user input). */
  table: string;
  errors: PgErrorMap;
  /**
   * Boolean columns: their 'true'/'false' are sent as booleans, since postgres.js serializes a
   * parameter by the type the server infers, and would send the text 'true' as false.
   */
  booleans?: readonly string[];
  /** Runs before each update of a stored row (e.g. to set a transaction setting). */
  beforeUpdate?: (tx: Queryable, item: SyncItem) => Promise<void>;
}

/** The columns whose file value differs from the stored one. */
export function changedColumns(values: Values, stored: StoredValues): string[] {
  return Object.keys(values).filter((c) => values[c] !== undefined && values[c] !== stored[c]);
}

type Param = string | boolean | null;

function param(target: SyncTable, column: string, value: string | null | undefined): Param {
  if (value === undefined || value === null) return null;
  return target.booleans?.includes(column) ? value === 'true' : value;
}

function defined(target: SyncTable, values: Values): Record<string, Param> {
  const out: Record<string, Param> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = param(target, k, v);
  return out;
}

/** Writes the items; returns the rows that were created (for callers that need their ids). */
export async function syncRows(tx: Queryable, ctx: ImportContext, target: SyncTable, items: readonly SyncItem[]): Promise<SyncItem[]> {
  const updates: { row: number; item: SyncItem; columns: string[] }[] = [];
  const creates: SyncItem[] = [];
  for (const item of items) {
    if (!item.existing) {
      creates.push(item);
      continue;
    }
    const columns = changedColumns(item.values, item.existing.values);
    if (columns.length === 0) {
      ctx.unchanged++;
      ctx.tick();
    } else {
      updates.push({ row: item.row, item, columns });
    }
  }

  const failedUpdates = await guardedWrite(tx, ctx, updates, async (batch) => {
    for (const { item, columns } of batch) {
      await target.beforeUpdate?.(tx, item);
      const params = columns.map((c) => param(target, c, item.values[c]));
      const set = columns.map((c, i) => `"${c}" = $${i + 1}`).join(', ');
      await tx.query(`update ${target.table} set ${set} where id = $${columns.length + 1}`, [...params, item.existing!.id]);
    }
  }, target.errors);
  ctx.updated += updates.length - failedUpdates.length;

  // insertRows takes its column list from the first row: group rows by the columns they set.
  const groups = new Map<string, SyncItem[]>();
  for (const item of creates) {
    const signature = Object.keys(item.values).filter((k) => item.values[k] !== undefined).join(',');
    const group = groups.get(signature);
    if (group) group.push(item);
    else groups.set(signature, [item]);
  }
  const created: SyncItem[] = [];
  for (const group of groups.values()) {
    const failed = new Set(await guardedWrite(tx, ctx, group, async (batch) => {
      await insertRows(tx, target.table, batch.map((item) => defined(target, item.values)));
    }, target.errors));
    for (const item of group) if (!failed.has(item)) created.push(item);
  }
  ctx.created += created.length;
  return created;
}

/** The loaders select every column as text; a number or boolean (an adapter's parse) is printed as Postgres would. */
function storedText(column: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`Column ${column} was not selected as text (got ${typeof value}).`);
}

/** Loads stored rows as id + canonical text values, keyed by the natural key. */
export async function loadStored<R extends { id: number }>(
  tx: Queryable,
  sql: string,
  params: readonly unknown[],
  keyOf: (row: R) => string,
): Promise<Map<string, Stored[]>> {
  const rows = await tx.query<R>(sql, params);
  const map = new Map<string, Stored[]>();
  for (const row of rows) {
    const { id, ...rest } = row;
    const values: StoredValues = {};
    for (const [k, v] of Object.entries(rest)) values[k] = storedText(k, v);
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push({ id: Number(id), values });
    else map.set(key, [{ id: Number(id), values }]);
  }
  return map;
}
