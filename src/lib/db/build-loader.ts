/**
 * Content-collection loaders that read the database at build time, as the anonymous role:
 * the site can only ever contain what row level security lets the public see.
 */
import type { Loader } from 'astro/loaders';
import { useSharedDb, releaseSharedDb } from './open.ts';
import type { Db } from './types.ts';
import { pgErrorFields } from './errors.ts';

export function databaseLoader<T extends object>(
  name: string,
  read: (db: Db) => Promise<T[]>,
  idOf: (row: T) => string,
): Loader {
  return {
    name: `gongshi-db-${name}`,
    async load(context) {
      const { store, logger } = context;
      const db = await useSharedDb();
      try {
        const rows = await read(db);
        store.clear();
        for (const row of rows) {
          const id = idOf(row);
          const data = await context.parseData({ id, data: row as Record<string, unknown> });
          store.set({ id, data });
        }
        logger.info(`${rows.length} ${name} from ${db.location}`);
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
