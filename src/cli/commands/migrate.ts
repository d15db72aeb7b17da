import type { Command } from '../command.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  help: `Usage: npm run gongshi -- migrate

Applies supabase/local/bootstrap.sql (not on Supabase) and every migration in
supabase/migrations that has not been applied yet, each in one transaction.
Safe to run again: applied migrations are skipped.

Database: DATABASE_URL if set, otherwise the embedded database in GONGSHI_DATA_DIR (default .data/).`,
  options: {},
  async run() {
    const db = await openDb();
    try {
      const result = await migrate(db, { log: (line) => console.log(line) });
      console.log(
        `Database ${db.location}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already applied.`,
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
