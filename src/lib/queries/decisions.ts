/** Build-time read of decisions, their public log, hearings (with lottery draws) and consultation opinions. */
import type { Db, Queryable } from '../db/types.ts';
import { DecisionSchema, HearingRecordSchema, type Decision, type HearingRecord } from '../schemas/decision.ts';
import { isoUtc } from '../db/sql-time.ts';


const DECISIONS_SQL = `
select d.id, d.slug, d.kind, d.title, d.title_en, d.summary, d.summary_en, u.code as unit_code, u.name as unit_name,
       u.name_en as unit_name_en, d.requires_hearing, d.status, d.status_reason, d.outcome, ${isoUtc('d.created_at')} as created_at,
       coalesce((select jsonb_agg(jsonb_build_object('from_status', e.from_status, 'to_status', e.to_status, 'reason', e.reason,
                   'actor', e.actor, 'at', ${isoUtc('e.at')}) order by e.at, e.id) from public.decision_events e where e.decision_id = d.id), '[]') as events,
       coalesce((select jsonb_agg(jsonb_build_object('panel', c.panel, 'panel_en', c.panel_en, 'recommendation', c.recommendation,
                   'opinion', c.opinion, 'opinion_en', c.opinion_en, 'given_on', c.given_on) order by c.given_on, c.id)
                 from public.consultations c where c.decision_id = d.id), '[]') as consultations,
       coalesce((select jsonb_agg(jsonb_build_object('slug', t.slug, 'title', t.title, 'title_en', t.title_en) order by t.id)
                 from public.hall_topics t where t.decision_id = d.id), '[]') as topics
from public.decisions d join public.units u on u.id = d.unit_id
order by d.created_at desc, d.id desc`;

const HEARINGS_SQL = `
select h.id, h.decision_id, h.title, h.title_en, h.status, ${isoUtc('h.held_at')} as held_at, h.seats, h.lottery_seed_hash, h.lottery_seed,
       h.votes_for, h.votes_against, h.votes_abstain, h.attendance, h.outcome_summary, h.outcome_summary_en,
       coalesce((select jsonb_agg(jsonb_build_object('category', q.category, 'seats', q.seats) order by q.category)
                 from public.hearing_quotas q where q.hearing_id = h.id), '[]') as quotas,
       coalesce((select jsonb_agg(jsonb_build_object('public_id', x.public_id, 'category', x.category, 'district_code', u.code,
                   'district_name', u.name, 'district_name_en', u.name_en, 'draw_key', x.draw_key, 'draw_order', x.draw_order,
                   'drawn', x.drawn, 'current_status', x.current_status, 'listed_name', x.listed_name) order by x.draw_order)
                 from public.hearing_draws x left join public.units u on u.id = x.district_id where x.hearing_id = h.id), '[]') as draws
from public.hearings h
order by h.held_at, h.id`;

export async function readHearingRecords(tx: Queryable): Promise<(HearingRecord & { decision_id: number | null })[]> {
  const rows = await tx.query<{ decision_id: number | null } & Record<string, unknown>>(HEARINGS_SQL);
  return rows.map((r) => ({ ...HearingRecordSchema.parse(r), decision_id: r.decision_id }));
}

export async function readDecisions(db: Db): Promise<Decision[]> {
  return db.asRole('anon', async (tx) => {
    const hearings = await readHearingRecords(tx);
    const rows = await tx.query<{ id: number } & Record<string, unknown>>(DECISIONS_SQL);
    return rows.map((r) => DecisionSchema.parse({ ...r, hearings: hearings.filter((h) => h.decision_id === r.id) }));
  });
}

/** Every hearing's public record (for the hearing pages and the verification page). */
export async function readHearingDraws(db: Db): Promise<HearingRecord[]> {
  const records = await db.asRole('anon', readHearingRecords);
  return records.map(({ decision_id: _, ...record }) => record);
}
