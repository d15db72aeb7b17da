/**
 * `gongshi signups export`: the hearing office's list of sign-ups with names and contacts — the
 * one place where contacts leave the database. The file is created new (never overwritten),
 * readable by its owner only, and guarded against spreadsheet formula injection.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import type { Db } from '../../lib/db/types.ts';

/**
 * One CSV field. Text a citizen typed may start with = + - @ (or a tab or CR): a spreadsheet would
 * run it as a formula, so such a field gets a leading apostrophe.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV with a byte order mark, so that spreadsheet programs read the Chinese text as UTF-8. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return `\ufeff${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Creates `file` (refusing an existing one, mode 0600), lets `produce` compute its content inside
 * whatever transaction it runs, and removes the file again if anything fails: no file is left
 * half-written, and a file exists only if the data behind it was committed.
 */
export async function writeNewFile(file: string, produce: (write: (content: string) => void) => Promise<void>): Promise<void> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} already exists: choose another --out, nothing was written.`);
    throw error;
  }
  try {
    await produce((content) => {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    });
    fs.closeSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw error;
  }
}

export interface SignupExportRow {
  public_id: string;
  name: string;
  contact: string;
  district: string | null;
  category: string;
  statement: string | null;
  status: string;
  signed_up_at: string;
}

export const SIGNUP_COLUMNS = ['public_id', 'name', 'contact', 'district', 'category', 'statement', 'status', 'signed_up_at'] as const;

/** Sign-ups of a hearing, for the office (service role). */
export async function readSignups(db: Db, hearingId: number, includeWithdrawn: boolean): Promise<{ title: string; rows: SignupExportRow[] }> {
  return db.asRole('service_role', async (tx) => {
    const [hearing] = await tx.query<{ title: string }>(`select title from public.hearings where id = $1`, [hearingId]);
    if (!hearing) throw new UsageError(`No hearing with id ${hearingId}.`);
    const rows = await tx.query<SignupExportRow>(
      `select s.public_id, s.name, s.contact, d.name as district, s.category, s.statement, s.status,
              to_char(s.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as signed_up_at
       from private.hearing_signups s left join public.units d on d.id = s.district_id
       where s.hearing_id = $1 and ($2 or s.status <> 'withdrawn')
       order by s.created_at, s.id`,
      [hearingId, includeWithdrawn],
    );
    return { title: hearing.title, rows };
  });
}

/** Writes the sign-ups of a hearing to a new CSV file; returns how many. */
export async function exportSignups(db: Db, hearingId: number, file: string, includeWithdrawn = false): Promise<{ title: string; count: number }> {
  let result = { title: '', count: 0 };
  await writeNewFile(file, async (write) => {
    const { title, rows } = await readSignups(db, hearingId, includeWithdrawn);
    write(toCsv([...SIGNUP_COLUMNS], rows.map((r) => SIGNUP_COLUMNS.map((c) => r[c]))));
    result = { title, count: rows.length };
  });
  return result;
}

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
    if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
    const hearing = values['hearing'];
    if (typeof hearing !== 'string' || !/^\d{1,15}$/.test(hearing)) throw new UsageError('signups export needs --hearing ID (a number).');
    const file = typeof values['out'] === 'string' ? values['out'] : `hearing-${hearing}-signups.csv`;
    const db = await openDb();
    try {
      await migrate(db);
      const { title, count } = await exportSignups(db, Number(hearing), file, values['include-withdrawn'] === true);
      console.log(`Wrote ${count} sign-up(s) of "${title}" to ${path.relative(process.cwd(), path.resolve(file)) || file}.`);
      console.log('The file holds names and contacts: personal data. Hand it to the hearing office only, and delete it when done.');
      return 0;
    } finally {
      await db.close();
    }
  },
};
