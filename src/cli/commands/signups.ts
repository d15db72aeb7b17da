/**
 * `gongshi signups export`: the hearing office's list of sign-ups with names and contacts
 * (src/lib/hearings/signups.ts) — the one place where contacts leave the database.
 */
import path from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { flag, matching, noMore, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { exportSignups } from '../../lib/hearings/signups.ts';

export const signupsCommand: Command = {
  name: 'signups',
  summary: 'Export the sign-ups of a hearing (names and contacts) for the hearing office',
  help: `Usage: npm run gongshi -- signups export --hearing ID [--out FILE] [--include-withdrawn]

Writes the sign-ups of a hearing to a new CSV file (UTF-8 with BOM): public id, name, contact,
district, category, statement, status and time of sign-up. This is the only way contacts leave
the database: the file holds personal data, is created readable by you alone (mode 0600) and is
never overwritten. Keep it only as long as the hearing office needs it.

Options:
  --hearing ID          the hearing (see the hearing's page: /hearings/ID/)
  --out FILE            default: hearing-ID-signups.csv
  --include-withdrawn   also list withdrawn sign-ups`,
  options: {
    hearing: { type: 'string' },
    out: { type: 'string' },
    'include-withdrawn': { type: 'boolean' },
  },
  async run(values, positionals) {
    const [action, ...extra] = positionals;
    if (action !== 'export') throw new UsageError(action ? `Unknown action "${action}".` : 'signups needs an action: export.');
    noMore(extra);
    const hearing = matching(values['hearing'], /^\d{1,15}$/, 'signups export needs --hearing ID (a number).');
    const file = text(values['out']) ?? `hearing-${hearing}-signups.csv`;
    const db = await openDb();
    try {
      await migrate(db);
      const { title, count } = await exportSignups(db, Number(hearing), file, flag(values['include-withdrawn']));
      console.log(`Wrote ${count} sign-up(s) of "${title}" to ${path.relative(process.cwd(), path.resolve(file)) || file}.`);
      console.log('The file holds names and contacts: personal data. Hand it to the hearing office only, and delete it when done.');
      return 0;
    } finally {
      await db.close();
    }
  },
};
