/**
 * Content-collection loaders that read the database at build time, as the anonymous role:
 * the site can only ever contain what row level security lets the public see.
 */
import fs from 'node:fs';
import type { Loader } from 'astro/loaders';
import { useSharedDb, releaseSharedDb } from './open.ts';
import type { Db } from './types.ts';
import { pgErrorFields } from './errors.ts';
import { COLLECTION_READS, type CollectionName } from '../site/collection-reads.ts';
import { snapshotFile } from '../site/snapshot.ts';

/** Runs a collection's read, with a clear message when the database was never migrated. */
export async function readCollection(db: Db, name: CollectionName): Promise<object[]> {
  try {
    return await COLLECTION_READS[name].read(db);
  } catch (error) {
    // Missing tables, roles or schemas mean the migrations never ran on this database.
    const code = pgErrorFields(error)?.code;
    throw code === '42P01' || code === '42704' || code === '3F000'
      ? new Error(`The database at ${db.location} is not migrated. Run "npm run gongshi -- migrate" (npm start and npm run build do it for you).`)
      : error;
  }
}

/**
 * A collection's loader. In a site build it loads the rows the build's load step saved
 * (GONGSHI_SNAPSHOT_DIR, lib/site/snapshot.ts), so the render process never opens the database
 * and PGlite's memory stays out of it; without a snapshot (npm run dev) it reads the database.
 */
export function databaseLoader(name: CollectionName): Loader {
  const { label, idOf } = COLLECTION_READS[name];
  return {
    name: `gongshi-db-${name}`,
    async load(context) {
      const { store, logger } = context;
      // The reads (lib/queries) parse their rows with the collection's schema already: stored as
      // they are, not parsed a second time. Each entry carries a digest of its row: an unchanged
      // row stays as it was in the store, and the pages' cache keys (lib/site/cache-keys.ts) are
      // built from these digests.
      const store_ = (rows: object[], from: string) => {
        const ids = new Set<string>();
        for (const row of rows) {
          const id = idOf(row as never);
          ids.add(id);
          store.set({ id, data: row as Record<string, unknown>, digest: context.generateDigest(row as Record<string, unknown>) });
        }
        for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
        logger.info(`${rows.length} ${label} from ${from}`);
      };
      const snapshot = snapshotFile(name);
      if (snapshot) {
        store_(JSON.parse(fs.readFileSync(snapshot, 'utf8')) as object[], snapshot);
        return;
      }
      const db = await useSharedDb();
      try {
        store_(await readCollection(db, name), db.location);
      } finally {
        await releaseSharedDb({ lingerMs: 1500 });
      }
    },
  };
}
