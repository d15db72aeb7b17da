/** Db adapter for PGlite: real Postgres compiled to WASM, persisted in a folder. */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { enterRole, type Db, type Queryable, type Role, type RoleContext, type Row } from './types.ts';
import { Mutex } from './mutex.ts';
import { serveStaffSocket, type StaffSocket } from './staff-socket.ts';

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

export interface PgliteOptions {
  /** Serve this database to staff commands on a Unix socket at this path (staff-socket.ts). */
  staffSocket?: string | undefined;
}

/**
 * Opens PGlite in `dataDir` (or in memory when undefined).
 * All access is serialised: PGlite is one backend, and interleaved transactions would corrupt state.
 */
export async function openPglite(dataDir: string | undefined, options: PgliteOptions = {}): Promise<Db> {
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  // WASM has no worker processes; a parallel plan can hang (pglite issue #945).
  await pg.exec(`set max_parallel_workers_per_gather = 0`);
  const mutex = new Mutex();
  const direct = wrap(pg);
  const transaction = <T>(fn: (tx: Queryable) => Promise<T>) =>
    mutex.run(() => pg.transaction((tx) => fn(wrap(tx))));

  // Notifications reach a listener two ways: in the replies PGlite parses itself (the portal's own
  // statements) and in the raw replies streamed to staff connections (scanned by the socket).
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const dispatch = (channel: string, payload: string) => {
    for (const fn of listeners.get(channel) ?? []) fn(payload);
  };
  let socket: StaffSocket | undefined;
  if (options.staffSocket) {
    try {
      socket = await serveStaffSocket(pg, mutex, options.staffSocket, (n) => dispatch(n.channel, n.payload));
    } catch (error) {
      // The portal runs without it; staff commands then refuse while it runs, as they used to.
      console.warn(`Staff commands cannot work beside this process: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
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
    listen: async (channel, fn) => {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        // PGlite delivers a notification only to a session that listens: this one is the only one.
        await mutex.run(() => pg.listen(channel, (payload) => dispatch(channel, payload)));
      }
      set.add(fn);
      return () => {
        set.delete(fn);
        return Promise.resolve();
      };
    },
    close: async () => {
      await socket?.close();
      await mutex.run(() => pg.close());
    },
  };
}
