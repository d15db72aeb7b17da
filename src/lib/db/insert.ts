/** Multi-row INSERTs in chunks: the fast path for loading many rows in one transaction. */
import type { Queryable } from './types.ts';

type Value = string | number | boolean | null;

/** Postgres allows 65,535 parameters per statement; stay well below. */
const MAX_PARAMS = 30_000;

export async function insertRows(
  tx: Queryable,
  table: string,
  rows: readonly Record<string, Value>[],
  onChunk?: (inserted: number) => void,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const columnList = columns.map((c) => `"${c}"`).join(', ');
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: Value[] = [];
    const tuples = chunk.map((row) => {
      const slots = columns.map((c) => {
        params.push(row[c] ?? null);
        return `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await tx.query(`insert into ${table} (${columnList}) values ${tuples.join(', ')}`, params);
    onChunk?.(chunk.length);
  }
}

/** After inserting explicit ids, moves the identity sequence past them. */
export async function syncIdentity(tx: Queryable, table: string, column = 'id'): Promise<void> {
  await tx.query(
    `select setval(pg_get_serial_sequence($1, $2), greatest(coalesce((select max(${column}) from ${table}), 0), 1), (select count(*) > 0 from ${table}))`,
    [table, column],
  );
}
