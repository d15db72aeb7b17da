/**
 * Opens the configured database: PGlite in GONGSHI_DATA_DIR when DATABASE_URL is unset,
 * otherwise a real Postgres. One shared instance per process (kept on globalThis so that
 * Astro's build, which loads this module again through Vite, reuses the CLI's instance).
 */
import { readConfig, type Config } from '../config.ts';
import { lockDataDir } from './lock.ts';
import { makePrivateFolder } from './private-folder.ts';
import { openPglite } from './pglite.ts';
import { openPgliteInWorker } from './pglite-thread.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export interface OpenOptions {
  /**
   * PGlite only: run the database in a worker thread, so that a server's request thread never
   * waits for WASM query execution (npm start, npm run dev). A CLI command keeps it in its thread.
   */
  worker?: boolean;
}

export async function openDb(config: Config = readConfig(), options: OpenOptions = {}): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  makePrivateFolder(config.dataDir);
  const release = lockDataDir(config.dataDir);
  try {
    const db = options.worker ? await openPgliteInWorker(config.dataDir) : await openPglite(config.dataDir);
    return {
      ...db,
      close: async () => {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
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
 * takes it again meanwhile (content loaders run one after another: they share one opening, and the
 * database is closed before Astro renders the pages, which frees its memory for the build).
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
