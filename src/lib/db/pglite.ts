/** Db adapter for PGlite: real Postgres compiled to WASM, persisted in a folder. */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { enterRole, type Db, type Queryable, type Role, type RoleContext, type Row } from './types.ts';
import { Mutex } from './mutex.ts';

function wrap(conn: PGlite | Transaction): Queryable {
  return {
    async query<T extends object = Row>(text: string, params: readonly unknown[] = []) {
      const result = await conn.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text: string) {
      await conn.exec(text);
    },
  };
}

/**
 * Opens PGlite in `dataDir` (or in memory when undefined).
 * All access is serialised: PGlite is one backend, and interleaved transactions would corrupt state.
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  // WASM has no worker processes; a parallel plan can hang (pglite issue #945).
  await pg.exec(`set max_parallel_workers_per_gather = 0`);
  const mutex = new Mutex();
  const direct = wrap(pg);
  const transaction = <T>(fn: (tx: Queryable) => Promise<T>) =>
    mutex.run(() => pg.transaction((tx) => fn(wrap(tx))));
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    query: (text, params) => mutex.run(() => direct.query(text, params)),
    exec: (text) => mutex.run(() => direct.exec(text)),
    transaction,
    asRole: <T>(role: Role, fn: (tx: Queryable) => Promise<T>, context?: RoleContext) =>
      transaction(async (tx) => {
        await enterRole(tx, role, context);
        return fn(tx);
      }),
    close: () => mutex.run(() => pg.close()),
  };
}
