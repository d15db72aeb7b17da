/**
 * Moderating the Citizen Deliberation Hall as the service role. Every rule (pending → published |
 * rejected once, a reason for a rejection, one official response) is enforced by the database;
 * these functions only ask, and say which opinions a request named that were not there.
 */
import type { Db } from '../db/types.ts';
import { OPINION_STATUSES } from '../domain/participation.ts';
import { UsageError } from '../usage-error.ts';

export interface OpinionRow {
  id: number;
  topic: string;
  status: string;
  submitted_at: string;
  display_name: string | null;
  body: string;
  rejection_reason: string | null;
  response_unit: string | null;
}

/** What `listOpinions` can filter on: a moderation status, or every opinion. */
export const OPINION_FILTERS = [...OPINION_STATUSES, 'all'] as const;
export type OpinionFilter = (typeof OPINION_FILTERS)[number];

/** Opinions (never contacts), oldest first. */
export function listOpinions(db: Db, filter: { status: OpinionFilter; topic?: string | undefined; limit: number }): Promise<OpinionRow[]> {
  return db.asRole('service_role', (tx) =>
    tx.query<OpinionRow>(
      `select o.id::int, t.slug as topic, o.status, to_char(o.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as submitted_at,
              o.display_name, o.body, o.rejection_reason, u.code as response_unit
       from public.hall_opinions o
       join public.hall_topics t on t.id = o.topic_id
       left join public.units u on u.id = o.response_unit_id
       where ($1 = 'all' or o.status = $1) and ($2::text is null or t.slug = $2)
       order by o.submitted_at, o.id
       limit $3`,
      [filter.status, filter.topic ?? null, filter.limit],
    ),
  );
}

function expectRows(ids: number[], found: number[], what: string): void {
  const missing = ids.filter((id) => !found.includes(id));
  if (missing.length > 0) throw new UsageError(`No ${what} opinion with id ${missing.join(', ')}. Nothing was changed.`);
}

/** Publishes pending opinions, all or none. */
export async function publishOpinions(db: Db, ids: number[]): Promise<number> {
  return db.asRole('service_role', async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `update public.hall_opinions set status = 'published', moderated_at = now()
       where id = any ($1::bigint[]) and status = 'pending' returning id::int`,
      [ids],
    );
    expectRows(ids, rows.map((r) => r.id), 'pending');
    return rows.length;
  });
}

/** Rejects pending opinions with a reason shown to nobody but staff and the record. */
export async function rejectOpinions(db: Db, ids: number[], reason: string): Promise<number> {
  return db.asRole('service_role', async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `update public.hall_opinions set status = 'rejected', rejection_reason = $2, moderated_at = now()
       where id = any ($1::bigint[]) and status = 'pending' returning id::int`,
      [ids, reason.trim()],
    );
    expectRows(ids, rows.map((r) => r.id), 'pending');
    return rows.length;
  });
}

/** Gives a published opinion the official response of a unit (by unit code). */
export async function respondToOpinion(db: Db, id: number, unitCode: string, text: string): Promise<void> {
  await db.asRole('service_role', async (tx) => {
    const [unit] = await tx.query<{ id: number }>(`select id::int from public.units where code = $1`, [unitCode]);
    if (!unit) throw new UsageError(`No unit with code "${unitCode}".`);
    const rows = await tx.query<{ id: number }>(
      `update public.hall_opinions set response_text = $2, response_unit_id = $3, responded_at = now()
       where id = $1 and status = 'published' returning id::int`,
      [id, text.trim(), unit.id],
    );
    if (rows.length === 0) throw new UsageError(`Opinion ${id} is not a published opinion: only published opinions are answered.`);
  });
}
