/**
 * The hearing office's list of sign-ups with names and contacts — the one place where contacts
 * leave the database, as a new owner-only CSV file (see private-csv.ts).
 */
import type { Db } from '../db/types.ts';
import { toCsv, writeNewFile } from '../private-csv.ts';
import { UsageError } from '../usage-error.ts';

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
