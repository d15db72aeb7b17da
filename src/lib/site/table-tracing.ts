/**
 * Which tables a read touched, as Postgres itself counted them: each transaction the read runs
 * looks at pg_stat_xact_user_tables before and after the read's statements, and every table
 * whose scan counters (sequential and index, in functions, views and policies too) went up was
 * touched. The difference, because those counters are not always the transaction's own: they
 * hold every scan not yet flushed to the cumulative statistics, which an embedded database never
 * does, and a server only once a second at most.
 *
 * A read's result is a function of the rows it read (and of the clock, the definitions and the
 * code, which lib/site/snapshot-reuse.ts checks as a whole): a table it never scanned, because a
 * branch or a join skipped it, could not have changed its result, so a later build may keep the
 * read's rows for as long as the tables it touched stay the same.
 */
import type { Db, Queryable } from '../db/types.ts';

const SCANS_SQL = `
  select schemaname || '.' || relname as name, (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::text as scans
  from pg_stat_xact_user_tables`;

async function scans(tx: Queryable): Promise<Map<string, bigint>> {
  return new Map((await tx.query<{ name: string; scans: string }>(SCANS_SQL)).map((t) => [t.name, BigInt(t.scans)]));
}

export interface TracedDb {
  /** The database, with every query, transaction and role's transaction traced. */
  db: Db;
  /** The schema-qualified tables touched so far, sorted. */
  tables(): string[];
}

/** Wraps db so that every table its users' reads touch is recorded (see above). */
export function traceTables(db: Db): TracedDb {
  const touched = new Set<string>();
  const traced = async <T>(tx: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    const before = await scans(tx);
    const result = await fn(tx);
    for (const [name, count] of await scans(tx)) if (count > (before.get(name) ?? 0n)) touched.add(name);
    return result;
  };
  const tracedDb: Db = {
    kind: db.kind,
    location: db.location,
    // A statement on its own is traced in a transaction of its own.
    query: (text, params) => db.transaction((tx) => traced(tx, (t) => t.query(text, params))),
    exec: (text) => db.transaction((tx) => traced(tx, (t) => t.exec(text))),
    transaction: (fn) => db.transaction((tx) => traced(tx, fn)),
    asRole: (role, fn, context) => db.asRole(role, (tx) => traced(tx, fn), context),
    close: () => Promise.reject(new Error('A traced database is closed by its owner.')),
  };
  return { db: tracedDb, tables: () => [...touched].sort() };
}
