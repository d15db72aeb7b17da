/**
 * Every mechanism of the practice shown at least once in the demo city (issue 17), as a checklist:
 * each line is a mechanism and the SQL a reader would run on the open data to find it at work. A
 * missing mechanism fails with its name, so each page type has something real to show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { generateDemoCity } from '../../src/lib/demo/generate.ts';
import { loadDemoCity } from '../../src/lib/demo/load.ts';
import { createTestDb } from './harness.ts';

let db: Db;

beforeAll(async () => {
  db = await createTestDb();
  await loadDemoCity(db, generateDemoCity());
}, 300_000);

afterAll(async () => {
  await db?.close();
});

interface Mechanism {
  name: string;
  /** Counts the rows that show the mechanism at work. */
  sql: string;
  /** How many a reader should find at least (default 1). */
  min?: number;
}

const MECHANISMS: Mechanism[] = [
  // Decision-making (科学民主的决策机制)
  {
    name: 'a decision taken after a hearing whose majority did not oppose',
    sql: `select count(*) from public.decisions d join public.hearings h on h.decision_id = d.id
          where d.status = 'decided' and h.status = 'held' and h.votes_against * 2 <= h.votes_for + h.votes_against + h.votes_abstain`,
  },
  {
    name: 'a hearing whose majority opposed, its decision withdrawn (not submitted)',
    sql: `select count(*) from public.decisions d join public.hearings h on h.decision_id = d.id
          where h.status = 'held' and h.votes_against * 2 > h.votes_for + h.votes_against + h.votes_abstain
            and d.status = 'withdrawn'
            and not exists (select 1 from public.decision_events e where e.decision_id = d.id and e.to_status in ('cleared', 'submitted', 'decided'))`,
  },
  {
    name: 'a cancelled hearing, with the reason',
    sql: `select count(*) from public.hearings where status = 'cancelled' and length(btrim(coalesce(outcome_summary, ''))) > 1`,
  },
  {
    name: 'an oversubscribed hearing: its published draw puts some on the waitlist',
    sql: `select count(distinct hearing_id) from public.hearing_draws where drawn = 'waitlisted'`,
  },
  {
    name: 'a hearing open for sign-up with its seed commitment published',
    sql: `select count(*) from public.hearings where status = 'open' and lottery_seed_hash is not null and lottery_seed is null`,
  },
  {
    name: 'seats reserved for categories of participants',
    sql: `select count(distinct hearing_id) from public.hearing_quotas`,
  },
  {
    name: 'a decision cleared without a hearing (not a price or construction matter)',
    sql: `select count(*) from public.decisions where not requires_hearing and status in ('cleared', 'submitted', 'decided')`,
  },
  {
    name: 'consultation opinions of the decision consultation committee, one of them opposing',
    sql: `select count(*) from public.consultations where published_at is not null
          having count(*) filter (where recommendation = 'oppose') > 0`,
  },
  {
    name: 'hall topics with published opinions answered by the unit',
    sql: `select count(*) from public.hall_opinions where status = 'published' and response_text is not null`,
  },
  // Targets (目标) and responsibility (责任制衡的执行机制)
  {
    name: 'a three-level decomposition chain (unit → division → section)',
    sql: `select count(*) from public.targets c join public.targets p on p.id = c.parent_id join public.targets g on g.id = p.parent_id
          where c.status = 'published' and g.parent_id is null`,
  },
  {
    name: 'public commitments (目标承诺)',
    sql: `select count(*) from public.targets where is_public_commitment and status = 'published'`,
    min: 50,
  },
  {
    name: 'a commitment changed after publication, with the reason',
    sql: `select count(*) from public.target_commitment_changes c join public.targets t on t.id = c.target_id
          where length(btrim(c.reason)) > 1 and c.changed_at > t.published_at and c.old_text is distinct from c.new_text`,
  },
  {
    name: 'a commitment changed twice',
    sql: `select count(*) from (select target_id from public.target_commitment_changes group by target_id having count(*) > 1) x`,
  },
  {
    name: 'targets set against the last three years, peer cities and a functional benchmark',
    sql: `select count(*) from (select target_id from public.target_baselines group by target_id
          having count(distinct kind) = 3 and count(*) filter (where kind = 'vertical') = 3) x`,
    min: 100,
  },
  {
    name: 'districts weighed by their features: the category with the most points differs between kinds of district',
    sql: `select count(distinct category) from (
            select distinct on (s.unit_id) s.unit_id, s.category
            from (select t.unit_id, i.category, sum(t.weight) as points
                  from public.targets t join public.indicators i on i.id = t.indicator_id
                  where t.parent_id is null and t.year = (select max(year) from public.assessment_years) group by 1, 2) s
            join public.units u on u.id = s.unit_id and u.kind = 'district'
            order by s.unit_id, s.points desc, s.category) x`,
    min: 3,
  },
  {
    name: 'progress reports of every status: done, under way, behind, not done',
    sql: `select count(distinct status) from public.current_progress_reports`,
    min: 4,
  },
  {
    name: 'a progress report corrected after it was filed, with the reason',
    sql: `select count(*) from public.progress_reports c join public.progress_reports o on o.id = c.supersedes_id
          where length(btrim(coalesce(c.correction_reason, ''))) > 1 and c.reported_at > o.reported_at`,
  },
  {
    name: 'leaders\' half-year reports to the city leader in charge, some late or missing',
    sql: `select count(*) from public.leader_report_status having count(*) filter (where status <> 'on_time') > 0`,
  },
  // Supervision and assessment (督查考核的监督机制)
  {
    name: 'supervision by every method: monthly report, quarterly dispatch, half-year inspection, random check, push, research, open and covert',
    sql: `select count(distinct method) from public.supervision_records where is_public`,
    min: 8,
  },
  {
    name: 'monthly bulletins (通报) of completion',
    sql: `select count(*) from public.bulletins where kind = 'monthly' and published_at is not null`,
    min: 6,
  },
  {
    name: 'an erratum bulletin superseding a published one, with the reason and corrected figures',
    sql: `select count(*) from public.bulletins e join public.bulletins o on o.id = e.supersedes_id
          where e.published_at > o.published_at and length(btrim(coalesce(e.correction_reason, ''))) > 1
            and e.stats->'by_status' <> o.stats->'by_status'`,
  },
  {
    name: 'a corrected assessment version: a second run of a published year, with the reason, published after the first',
    sql: `select count(*) from public.assessment_runs r join public.assessment_runs p on p.year = r.year and p.version = r.version - 1
          where r.version > 1 and r.published_at is not null and p.published_at < r.computed_at
            and length(btrim(coalesce(r.reason, ''))) > 1`,
  },
  {
    name: 'surveys with respondent groups under the minimum sample, excluded and flagged',
    sql: `select count(*) from public.assessment_results a, jsonb_array_elements(a.mass_groups) g
          where (g->>'included')::boolean = false and (g->>'responses')::int
                < (select y.mass_min_sample from public.assessment_years y where y.year = a.year)`,
  },
  {
    name: 'an open survey published apart from the score (public sentiment)',
    sql: `select count(*) from public.surveys s where s.mode = 'open' and exists (select 1 from public.survey_responses r where r.survey_id = s.id)`,
  },
  // Rewards and penalties (奖惩兑现的激励机制)
  {
    name: 'the top municipal units named excellent and awarded',
    sql: `select count(*) from public.assessment_results where pool = 'municipal_unit' and consequence = 'award' and published_at is not null`,
    min: 20,
  },
  {
    name: 'a principal leader admonished (诫勉) for a failing or bottom-three year',
    sql: `select count(*) from public.assessment_results where consequence = 'admonishment' and (is_bottom or grade = 'fail')`,
  },
  {
    name: 'a unit failing or bottom-three two years running, its principal leader then suspended or demoted',
    sql: `select count(*) from public.assessment_results a join public.assessment_results b on b.unit_id = a.unit_id and b.year = a.year + 1
          where a.consequence = 'admonishment' and b.consequence = 'suspension_or_demotion'
            and (a.is_bottom or a.grade = 'fail') and (b.is_bottom or b.grade = 'fail') and b.published_at is not null`,
  },
  {
    name: 'accountability cases decided and published, one of them on an assessment result',
    sql: `select count(*) from public.accountability_cases where published_at is not null
          having count(*) filter (where basis_kind = 'assessment') > 0`,
  },
];

describe('every mechanism is shown in the demo city at least once', () => {
  it.each(MECHANISMS.map((m) => [m.name, m] as const))('%s', async (name, mechanism) => {
    const [row] = await db.query<{ count: string | number }>(mechanism.sql);
    const found = Number(row?.count ?? 0);
    expect(found, `mechanism not shown: ${name}`).toBeGreaterThanOrEqual(mechanism.min ?? 1);
  });
});
