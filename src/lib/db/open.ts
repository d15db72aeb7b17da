/**
 * Opens the configured database: PGlite in GONGSHI_DATA_DIR when DATABASE_URL is unset,
 * otherwise a real Postgres. One shared instance per process (kept on globalThis so that
 * Astro's build, which loads this module again through Vite, reuses the CLI's instance).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readConfig, type Config } from '../config.ts';
import { advertiseSocket, DataDirBusyError, lockDataDir } from './lock.ts';
import { makePrivateFolder } from './private-folder.ts';
import { openPglite } from './pglite.ts';
import { openPgliteInWorker } from './pglite-thread.ts';
import { openPostgres } from './postgres.ts';
import { staffSocketPath } from './staff-socket.ts';
import { enterRole, type Db, type Queryable, type Role, type RoleContext, type Row } from './types.ts';

export interface OpenOptions {
  /**
   * PGlite only: run the database in a worker thread, so that a server's request thread never
   * waits for WASM query execution (npm start, npm run dev). A CLI command keeps it in its thread.
   */
  worker?: boolean;
  /**
   * PGlite only, with worker: serve the database to staff commands on a private Unix socket in the
   * data folder while this process holds it (npm start, npm run dev); see staff-socket.ts.
   */
  staffSocket?: boolean;
}

/** The channel on which staff commands announce committed changes (npm start republishes). */
export const SITE_CHANGED_CHANNEL = 'gongshi_site_changed';

export async function openDb(config: Config = readConfig(), options: OpenOptions = {}): Promise<Db> {
  const { db, shared } = await openConfigured(config, options);
  // A portal can be listening only when the database is shared (Postgres, or through its socket).
  return announcing && shared ? announceChanges(db) : db;
}

async function openConfigured(config: Config, options: OpenOptions): Promise<{ db: Db; shared: boolean }> {
  if (config.databaseUrl) return { db: await openPostgres(config.databaseUrl), shared: true };
  makePrivateFolder(config.dataDir);
  let release: () => void;
  try {
    release = lockDataDir(config.dataDir);
  } catch (error) {
    // A running portal that serves the folder to staff: work through it.
    const socket = error instanceof DataDirBusyError ? error.owner.socket : undefined;
    if (!socket || !fs.existsSync(socket)) throw error;
    const db = await openPostgres('', {
      socketDir: path.dirname(socket),
      location: `${config.dataDir} (through process ${(error as DataDirBusyError).owner.pid}'s staff socket)`,
    });
    return { db: { ...db, kind: 'pglite' }, shared: true };
  }
  try {
    const wanted = options.worker && options.staffSocket ? staffSocketPath(config.dataDir) : undefined;
    const db = options.worker ? await openPgliteInWorker(config.dataDir, { staffSocket: wanted }) : await openPglite(config.dataDir);
    const staffSocket = wanted && fs.existsSync(wanted) ? wanted : undefined;
    if (staffSocket) {
      advertiseSocket(config.dataDir, staffSocket);
      // Closed with the database; this covers an exit that skips close().
      process.on('exit', () => fs.rmSync(staffSocket, { force: true }));
    }
    return {
      shared: false,
      db: {
        ...db,
        close: async () => {
          try {
            if (staffSocket) advertiseSocket(config.dataDir, undefined);
            await db.close();
          } finally {
            release();
          }
        },
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

let announcing = false;

/**
 * Makes every database this process opens from now on announce its committed changes on
 * SITE_CHANGED_CHANNEL, so that a running portal republishes (the staff CLI calls this).
 */
export function announceCommittedChanges(): void {
  announcing = true;
}

/**
 * Each transaction that changed rows of the database's own tables sends the notification inside
 * itself, so that it is delivered exactly when (and if) it commits. Statements outside a
 * transaction run in one of their own for that; catalog changes (migrate's idempotent bootstrap)
 * do not count.
 */
function announceChanges(db: Db): Db {
  // The view counts the transaction's own row changes (plus, on some servers, changes of earlier
  // transactions not yet flushed to the statistics): the difference is this transaction's.
  const changes = async (tx: Queryable) =>
    Number(
      (await tx.query<{ n: number | string }>(
        `select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::float8 as n from pg_catalog.pg_stat_xact_user_tables`,
      ))[0]?.n ?? 0,
    );
  const transaction = <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      const before = await changes(tx);
      const result = await fn(tx);
      if ((await changes(tx)) > before) await tx.query(`select pg_notify($1, '')`, [SITE_CHANGED_CHANNEL]);
      return result;
    });
  return {
    ...db,
    query: <T extends object = Row>(text: string, params?: readonly unknown[]) => transaction((tx) => tx.query<T>(text, params)),
    exec: (text: string) => transaction((tx) => tx.exec(text)),
    transaction,
    asRole: <T>(role: Role, fn: (tx: Queryable) => Promise<T>, context?: RoleContext) =>
      transaction(async (tx) => {
        await enterRole(tx, role, context);
        return fn(tx);
      }),
  };
}

interface Shared {
  db: Promise<Db>;
  users: number;
  /** A pending close, cancelled if someone uses the database again first. */
  closing?: NodeJS.Timeout | undefined;
}
const KEY = Symbol.for('gongshi.sharedDb');
const registry = globalThis as unknown as { [KEY]?: Shared };

/**
 * The process-wide database; every call must be paired with releaseSharedDb(). The options apply
 * when this call opens it (the first use in the process).
 */
export function useSharedDb(options: OpenOptions = {}): Promise<Db> {
  const shared = registry[KEY];
  if (shared) {
    clearTimeout(shared.closing);
    shared.closing = undefined;
    shared.users++;
    return shared.db;
  }
  const db = openDb(readConfig(), options);
  registry[KEY] = { db, users: 1 };
  db.catch(() => delete registry[KEY]);
  return db;
}

/**
 * Gives back one use; the last one closes the database — at once, or after `lingerMs` if nobody
 * takes it again meanwhile (reads that follow each other, like a dev page's collections, share one
 * opening).
 */
export async function releaseSharedDb(options: { lingerMs?: number } = {}): Promise<void> {
  const shared = registry[KEY];
  if (!shared) return;
  shared.users--;
  if (shared.users > 0) return;
  const close = async () => {
    if (registry[KEY] !== shared || shared.users > 0) return;
    delete registry[KEY];
    await (await shared.db).close();
  };
  if (!options.lingerMs) return close();
  shared.closing = setTimeout(() => void close(), options.lingerMs);
}
