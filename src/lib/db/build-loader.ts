/**
 * Content-collection loaders that read the database at build time, as the anonymous role:
 * the site can only ever contain what row level security lets the public see.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { useSharedDb, releaseSharedDb } from './open.ts';
import type { Db } from './types.ts';
import { pgErrorFields } from './errors.ts';

/**
 * Snapshots let `astro build` run in a process that never opens the database (PGlite's memory
 * then stays out of the build): GONGSHI_SNAPSHOT=write makes each loader also save the rows it
 * read to GONGSHI_SNAPSHOT_DIR/<name>.json; GONGSHI_SNAPSHOT=read makes it load them from there.
 */
function snapshotFile(name: string): { mode: 'write' | 'read'; file: string } | undefined {
  const mode = process.env['GONGSHI_SNAPSHOT'];
  const dir = process.env['GONGSHI_SNAPSHOT_DIR'];
  if ((mode !== 'write' && mode !== 'read') || !dir) return undefined;
  return { mode, file: path.join(dir, `${name.replace(/\W+/g, '-')}.json`) };
}

export function databaseLoader<T extends object>(
  name: string,
  read: (db: Db) => Promise<T[]>,
  idOf: (row: T) => string,
): Loader {
  return {
    name: `gongshi-db-${name}`,
    async load(context) {
      const { store, logger } = context;
      // The reads (lib/queries) parse their rows with the collection's schema already: stored as
      // they are, not parsed a second time (a snapshot holds those parsed rows too).
      const store_ = (rows: T[], from: string) => {
        store.clear();
        for (const row of rows) store.set({ id: idOf(row), data: row as Record<string, unknown> });
        logger.info(`${rows.length} ${name} from ${from}`);
      };
      const snapshot = snapshotFile(name);
      if (snapshot?.mode === 'read') {
        store_(JSON.parse(fs.readFileSync(snapshot.file, 'utf8')) as T[], snapshot.file);
        return;
      }
      const db = await useSharedDb();
      try {
        const rows = await read(db);
        if (snapshot) {
          fs.mkdirSync(path.dirname(snapshot.file), { recursive: true });
          fs.writeFileSync(snapshot.file, JSON.stringify(rows));
        }
        store_(rows, db.location);
      } catch (error) {
        // Missing tables, roles or schemas mean the migrations never ran on this database.
        const code = pgErrorFields(error)?.code;
        throw code === '42P01' || code === '42704' || code === '3F000'
          ? new Error(`The database at ${db.location} is not migrated. Run "npm run gongshi -- migrate" (npm start and npm run build do it for you).`)
          : error;
      } finally {
        await releaseSharedDb({ lingerMs: 1500 });
      }
    },
  };
}
