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
import { offerSharedReads, type ReadSharer } from '../db/shared-reads.ts';

const SCANS_SQL = `
  select schemaname || '.' || relname as name, (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::text as scans
  from pg_stat_xact_user_tables`;

async function scans(tx: Queryable): Promise<Map<string, bigint>> {
  return new Map((await tx.query<{ name: string; scans: string }>(SCANS_SQL)).map((t) => [t.name, BigInt(t.scans)]));
}

/** fn(tx)'s result, with every table whose scan counters it raised added to `into`. */
async function scanning<T>(tx: Queryable, fn: (tx: Queryable) => Promise<T>, into: Set<string>): Promise<T> {
  const before = await scans(tx);
  const result = await fn(tx);
  for (const [name, count] of await scans(tx)) if (count > (before.get(name) ?? 0n)) into.add(name);
  return result;
}

export interface TracedDb {
  /** The database, with every query, transaction and role's transaction traced. */
  db: Db;
  /** The schema-qualified tables touched so far, sorted. */
  tables(): string[];
}

/**
 * The shared reads (lib/db/shared-reads.ts) of one build's load, by role and name: their rows
 * and the tables the read touched, which a collection that takes the rows has touched too.
 */
export type SharedReads = Map<string, { rows: unknown; tables: readonly string[] }>;

/**
 * Wraps db so that every table its users' reads touch is recorded (see above). With `shared`,
 * the reads marked shared run once for every traced database given the same map: their rows
 * were read in an earlier transaction, which is as a build without sharing would have read
 * them had that collection come first.
 */
export function traceTables(db: Db, shared?: SharedReads): TracedDb {
  const touched = new Set<string>();
  // The tables a shared read's rows came from, for every shared read running (they nest).
  const running: Set<string>[] = [];
  const sharer: ReadSharer = {
    async share(tx, name, read) {
      const [user] = await tx.query<{ role: string }>('select current_user::text as role');
      const key = `${user?.role ?? ''}: ${name}`;
      const kept = shared!.get(key);
      if (kept) {
        for (const table of kept.tables) for (const set of [touched, ...running]) set.add(table);
        return kept.rows as never;
      }
      // Scanned here, or taken from an earlier shared read nested in this one.
      const from = new Set<string>();
      running.push(from);
      try {
        const rows = await scanning(tx, read, from);
        shared!.set(key, { rows, tables: [...from] });
        return rows;
      } finally {
        running.pop();
      }
    },
  };
  const traced = async <T>(tx: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    const withdraw = shared ? offerSharedReads(tx, sharer) : () => {};
    try {
      return await scanning(tx, fn, touched);
    } finally {
      withdraw();
    }
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
