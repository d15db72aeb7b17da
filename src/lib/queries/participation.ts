/**
 * Build-time reads of the participation pages (hall topics, hearings, surveys), as the anonymous role:
 * published opinions only (row level security), sign-ups counted through the public RPC, never
 * listed. Live figures are refreshed in the browser by the islands.
 */
import type { Db } from '../db/types.ts';
import { HallTopicSchema, type HallTopic } from '../schemas/hall.ts';
import { HearingSchema, type Hearing } from '../schemas/hearing.ts';
import { SurveySchema, type Survey } from '../schemas/survey.ts';
import { isoUtc } from '../db/sql-time.ts';

const unitRef = (alias: string) => `jsonb_build_object('code', ${alias}.code, 'name', ${alias}.name, 'name_en', ${alias}.name_en)`;

export async function readHallTopics(db: Db): Promise<HallTopic[]> {
  const rows = await db.asRole('anon', (tx) =>
    tx.query(`
      select t.id::int, t.slug, t.title, t.title_en, t.description, t.description_en,
             ${isoUtc('t.opens_at')} as opens_at, ${isoUtc('t.closes_at')} as closes_at, ${unitRef('u')} as unit,
             coalesce((
               select jsonb_agg(jsonb_build_object(
                 'id', o.id, 'display_name', o.display_name, 'body', o.body, 'submitted_at', ${isoUtc('o.submitted_at')},
                 'response_text', o.response_text, 'responded_at', ${isoUtc('o.responded_at')},
                 'response_unit', case when r.id is null then null else ${unitRef('r')} end) order by o.submitted_at, o.id)
               from public.hall_opinions o left join public.units r on r.id = o.response_unit_id
               where o.topic_id = t.id), '[]') as opinions,
             public.hall_topic_stats(t.id) as stats
      from public.hall_topics t join public.units u on u.id = t.unit_id
      order by t.opens_at desc, t.id`),
  );
  return rows.map((row) => HallTopicSchema.parse(row));
}

export async function readHearings(db: Db): Promise<Hearing[]> {
  const rows = await db.asRole('anon', (tx) =>
    tx.query(`
      select h.id::int, h.title, h.title_en, h.summary, h.summary_en, h.venue, h.venue_en,
             ${isoUtc('h.held_at')} as held_at, h.seats, ${isoUtc('h.signup_opens_at')} as signup_opens_at,
             ${isoUtc('h.signup_closes_at')} as signup_closes_at, h.status, h.votes_for, h.votes_against, h.votes_abstain, h.attendance,
             ${unitRef('u')} as unit,
             (public.hearing_availability(h.id) ->> 'signups')::int as signups,
             coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'code', d.code, 'name', d.name, 'name_en', d.name_en)
                                  order by d.sort_order, d.id)
                       from public.units d where d.kind = 'district'), '[]') as districts
      from public.hearings h join public.units u on u.id = h.unit_id
      order by h.held_at desc, h.id`),
  );
  return rows.map((row) => HearingSchema.parse(row));
}

/** The surveys of the latest survey year (earlier years' results belong to the assessment pages). */
export async function readSurveys(db: Db): Promise<Survey[]> {
  const rows = await db.asRole('anon', (tx) =>
    tx.query(`
      select s.id::int, s.slug, s.year, s.mode, s.title, s.title_en, s.description, s.description_en,
             ${isoUtc('s.opens_at')} as opens_at, ${isoUtc('s.closes_at')} as closes_at,
             case when u.id is null then null else ${unitRef('u')} end as unit,
             coalesce((select jsonb_agg(jsonb_build_object('id', q.id, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt,
                                 'prompt_en', q.prompt_en, 'options', q.options, 'required', q.required) order by q.position)
                       from public.survey_questions q where q.survey_id = s.id), '[]') as questions,
             public.survey_stats(s.id) as stats
      from public.surveys s left join public.units u on u.id = s.unit_id
      where s.year = (select max(year) from public.surveys)
      order by s.unit_id nulls first, s.mode desc, s.id`),
  );
  return rows.map((row) => SurveySchema.parse(row));
}
