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

/** Confirmed sign-ups of a hearing (pending and expired ones never are), for the office (service role). */
export async function readSignups(db: Db, hearingId: number, includeWithdrawn: boolean): Promise<{ title: string; rows: SignupExportRow[] }> {
  return db.asRole('service_role', async (tx) => {
    const [hearing] = await tx.query<{ title: string }>(`select title from public.hearings where id = $1`, [hearingId]);
    if (!hearing) throw new UsageError(`No hearing with id ${hearingId}.`);
    const rows = await tx.query<SignupExportRow>(
      `select s.public_id, s.name, s.contact, d.name as district, s.category, s.statement, s.status,
              to_char(s.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as signed_up_at
       from private.hearing_signups s left join public.units d on d.id = s.district_id
       where s.hearing_id = $1 and (s.status in ('registered', 'selected', 'waitlisted') or ($2 and s.status = 'withdrawn'))
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

/** A reserved-category claim as staff review it: no contact beyond its masked form. */
export interface ClaimRow {
  public_id: string;
  name: string;
  contact: string;
  district: string | null;
  category: string;
  review: string;
  reason: string | null;
  statement: string | null;
}

/** The reserved-category claims of a hearing's confirmed sign-ups, unreviewed first. */
export async function listClaims(db: Db, hearingId: number): Promise<{ title: string; status: string; rows: ClaimRow[] }> {
  // As the owner: private.mask_contact is not granted to the service role.
  return db.transaction(async (tx) => {
    const [hearing] = await tx.query<{ title: string; status: string }>(`select title, status from public.hearings where id = $1`, [hearingId]);
    if (!hearing) throw new UsageError(`No hearing with id ${hearingId}.`);
    const rows = await tx.query<ClaimRow>(
      `select s.public_id, s.name, private.mask_contact(s.contact_key) as contact, d.name as district, s.category,
              s.category_review as review, s.review_reason as reason, s.statement
       from private.hearing_signups s left join public.units d on d.id = s.district_id
       where s.hearing_id = $1 and s.category_review is not null and s.status in ('registered', 'selected', 'waitlisted')
       order by s.category_review <> 'claimed', s.category, s.confirmed_at, s.id`,
      [hearingId],
    );
    return { title: hearing.title, status: hearing.status, rows };
  });
}

/** Confirms or refuses one claim (private.review_signup_claim: only while sign-ups are open). */
export async function reviewClaim(
  db: Db, hearingId: number, publicId: string, decision: 'confirmed' | 'refused', reason: string | null,
): Promise<{ public_id: string; category: string; review: string; reason: string | null }> {
  const [row] = await db.transaction((tx) =>
    tx.query<{ r: { public_id: string; category: string; review: string; reason: string | null } }>(
      `select private.review_signup_claim($1, $2, $3, $4) as r`, [hearingId, publicId, decision, reason]));
  return row!.r;
}
