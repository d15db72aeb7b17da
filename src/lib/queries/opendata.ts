/**
 * Build-time reads of everything the open data publishes, as the anonymous role (so only what
 * row level security lets the public see), naming every column: nothing is exported by accident.
 */
import type { Db, Queryable } from '../db/types.ts';
import { OpenDataYearSchema, type OpenDataYear } from '../schemas/opendata/year.ts';
import { isoUtc } from '../db/sql-time.ts';
import { groupBy } from './group.ts';
import { readTargets } from './targets.ts';
import { readProgressReports } from './progress-reports.ts';
import type { TargetDetail } from '../schemas/target.ts';
import type { TargetRow } from '../schemas/opendata/targets.ts';
import type { Bulletin } from '../schemas/bulletin.ts';
import { PeriodFiguresSchema } from '../schemas/period-figures.ts';
import { bulletinFigureRows, type BulletinFigureRow } from '../opendata/bulletin-figures.ts';


const YEARS_SQL = `
select year, status from public.assessment_years
union
select left(period, 4)::int, null from public.bulletins
where left(period, 4)::int not in (select year from public.assessment_years)
union
select extract(year from h.held_at at time zone 'Asia/Shanghai')::int, null from public.hearing_draws w join public.hearings h on h.id = w.hearing_id
where extract(year from h.held_at at time zone 'Asia/Shanghai')::int not in (select year from public.assessment_years)
order by 1`;

const UNITS_SQL = `
select y.year, u.code, u.name, u.name_en, u.kind, u.sector,
       p.name as principal_leader, p.title as principal_leader_title, p.title_en as principal_leader_title_en,
       coalesce(t.targets, 0)::int as targets, coalesce(t.public_commitments, 0)::int as public_commitments,
       coalesce(t.points, 0)::float8 as points
from public.assessment_years y
cross join public.units u
left join public.cadres p on p.unit_id = u.id and p.is_principal
left join lateral (
  select count(*) as targets, count(*) filter (where x.is_public_commitment) as public_commitments,
         sum(x.weight) filter (where x.parent_id is null) as points
  from public.targets x where x.unit_id = u.id and x.year = y.year) t on true
order by y.year, u.sort_order, u.code`;

const CADRES_SQL = `
select u.code as unit_code, c.name, c.title, c.title_en, c.is_principal
from public.cadres c join public.units u on u.id = c.unit_id
order by u.sort_order, u.code, c.sort_order, c.id`;

const BASELINES_SQL = `
select b.target_id, t.code as target_code, t.year, b.kind, b.year as baseline_year, b.peer_name,
       b.value::float8 as value, b.note
from public.target_baselines b
join public.targets t on t.id = b.target_id
order by t.year, t.code, b.kind, b.year nulls last, b.peer_name nulls last`;

const SUPERVISION_SQL = `
select s.id, s.ref, s.year, u.code as unit_code, u.name as unit_name, u.name_en as unit_name_en,
       t.id as target_id, t.code as target_code, s.method, s.conducted_on::text as conducted_on,
       s.finding, s.finding_en, s.score_delta::float8 as score_delta
from public.supervision_records s
join public.units u on u.id = s.unit_id
left join public.targets t on t.id = s.target_id
order by s.year, s.conducted_on, s.id`;

const BULLETINS_SQL = `
select b.id, b.slug, b.kind, b.period, left(b.period, 4)::int as year, b.title, b.title_en, b.summary, b.summary_en,
       b.body, b.body_en, ${isoUtc('b.published_at')} as published_at, ${isoUtc('b.cutoff_at')} as cutoff_at,
       o.slug as supersedes_slug, n.slug as superseded_by_slug, b.correction_reason
from public.bulletins b
left join public.bulletins o on o.id = b.supersedes_id
left join public.bulletins n on n.supersedes_id = b.id
order by b.published_at desc, b.id desc`;

// The figures each published bulletin states, as computed at its cut-off (bulletin-figures dataset).
const BULLETIN_STATS_SQL = `
select b.slug, b.kind, b.period, left(b.period, 4)::int as year, b.cutoff_at::text as cutoff, b.stats
from public.bulletins b
where b.stats ? 'kind'
order by b.published_at desc, b.id desc`;

/** The reports a bulletin counts: the roll-up view read as of its cut-off, as private.period_figures reads it. */
async function countedReports(tx: Queryable, year: number, cutoff: string): Promise<number[]> {
  await tx.query(`select set_config('gongshi.as_of', $1, true)`, [cutoff]);
  const rows = await tx.query<{ id: number }>(
    `select c.id::int as id from public.current_progress_reports c join public.targets t on t.id = c.target_id
     where t.year = $1 order by c.id`, [year]);
  await tx.query(`select set_config('gongshi.as_of', '', true)`);
  return rows.map((r) => r.id);
}

// Published results only (the version in force); the mass_groups detail stays on the pages.
const ASSESSMENTS_SQL = `
select a.year, a.version, ${isoUtc('a.published_at')} as published_at, a.reason as correction_reason,
       u.code as unit_code, u.name as unit_name, u.name_en as unit_name_en, a.pool,
       a.target_score::float8 as target_score, a.mass_score::float8 as mass_score, a.mass_margin::float8 as mass_margin,
       a.mass_sample_size, a.open_score::float8 as open_score, a.open_sample_size, a.monitoring_score::float8 as monitoring_score,
       a.total_score::float8 as total_score, a.rank_in_pool, a.pool_size, a.grade, a.consequence
from public.assessment_results a
join public.units u on u.id = a.unit_id
order by a.year, a.pool desc, a.rank_in_pool, u.code`;

// Every published version of each year's results, the superseded ones too (dataset annual-assessment-versions).
const ASSESSMENT_VERSIONS_SQL = `
select r.year, r.version, ${isoUtc('r.published_at')} as published_at, r.reason as correction_reason,
       u.code as unit_code, u.name as unit_name, u.name_en as unit_name_en, a.pool,
       a.target_score::float8 as target_score, a.mass_score::float8 as mass_score, a.mass_margin::float8 as mass_margin,
       a.mass_sample_size, a.open_score::float8 as open_score, a.open_sample_size, a.monitoring_score::float8 as monitoring_score,
       a.total_score::float8 as total_score, a.rank_in_pool, a.pool_size, a.grade, a.consequence
from public.annual_assessments a
join public.assessment_runs r on r.id = a.run_id and r.published_at is not null
join public.units u on u.id = a.unit_id
order by r.year, r.version, a.pool desc, a.rank_in_pool, u.code`;

// Every constant and formula of each year's assessment (public.assessment_rules, beside compute_assessment).
const RULES_SQL = `
select year, status, weight_target::float8 as weight_target, weight_mass::float8 as weight_mass,
       weight_monitoring::float8 as weight_monitoring, total_rule, missing_mass_rule, rounding_rule, tie_rule,
       excellent_count, bottom_count, pass_score::float8 as pass_score, good_score::float8 as good_score, consequence_rule,
       achievement_cap::float8 as achievement_cap, qualitative_scores, target_score_rule,
       monitoring_base::float8 as monitoring_base, monitoring_rule, respondent_group_weights, mass_min_sample, mass_rule,
       rating_scale_rule, margin_rule, report_due_day, cadre_lower_below::float8 as cadre_lower_below,
       cadre_raise_from::float8 as cadre_raise_from
from public.assessment_rules
order by year`;

// The inputs of the results in force: the version each year's published results come from.
const IN_FORCE_RUNS = `
select distinct on (year) id, year, version from public.assessment_runs
where published_at is not null order by year, version desc`;

const TARGET_SCORES_SQL = `
select r.year, r.version, u.code as unit_code, t.code as target_code, p.code as parent_code, s.final_status, s.basis,
       s.achievement::float8 as achievement, s.points::float8 as points, s.points_lost::float8 as points_lost
from public.assessment_target_scores s
join (${IN_FORCE_RUNS}) r on r.id = s.run_id
join public.targets t on t.id = s.target_id
join public.units u on u.id = s.unit_id
left join public.targets p on p.id = t.parent_id
order by r.year, u.sort_order, u.code, t.code`;

const MASS_GROUPS_SQL = `
select a.year, a.version, u.code as unit_code, g."group" as respondent_group, g.responses, g.mean::float8 as mean,
       g.sd::float8 as sd, g.weight::float8 as weight, g.included, g.excluded_because
from public.assessment_results a
join public.units u on u.id = a.unit_id
cross join lateral jsonb_to_recordset(a.mass_groups)
  as g ("group" text, responses int, mean numeric, sd numeric, weight numeric, included boolean, excluded_because text)
order by a.year, u.sort_order, u.code, g."group"`;

const MONITORING_INPUTS_SQL = `
select r.year, r.version, u.code as unit_code, m.method, m.is_public, m.findings, m.score_delta::float8 as score_delta
from public.assessment_monitoring_inputs m
join (${IN_FORCE_RUNS}) r on r.id = m.run_id
join public.units u on u.id = m.unit_id
order by r.year, u.sort_order, u.code, m.method, m.is_public desc`;

// Aggregates through the public survey_stats RPC: the API roles cannot read single responses. One
// row per question and kind of response: an open survey's verified and quick answers apart.
const SURVEYS_SQL = `
select s.year, s.slug as survey_slug, s.mode, v.kind as verification, u.code as unit_code, u.name as unit_name,
       (v.stats ->> 'responses')::int as responses, q.position, q.prompt, q.prompt_en, q.kind, q.weight::float8 as weight,
       (qq ->> 'answers')::int as answers, (qq ->> 'mean')::float8 as mean_rating,
       (qq -> 'distribution' ->> '1')::int as rating_1, (qq -> 'distribution' ->> '2')::int as rating_2,
       (qq -> 'distribution' ->> '3')::int as rating_3, (qq -> 'distribution' ->> '4')::int as rating_4,
       (qq -> 'distribution' ->> '5')::int as rating_5
from public.surveys s
left join public.units u on u.id = s.unit_id
cross join lateral public.survey_stats(s.id) st
cross join lateral jsonb_each(st -> 'by_verification') as v (kind, stats)
cross join lateral jsonb_array_elements(v.stats -> 'questions') qq
join public.survey_questions q on q.id = (qq ->> 'question_id')::bigint
order by s.year, s.slug, q.position, array_position(array['invitation', 'verified', 'quick'], v.kind)`;

// The draws as published (public.hearing_draws), each row with what its recomputation needs.
const HEARING_DRAWS_SQL = `
select extract(year from h.held_at at time zone 'Asia/Shanghai')::int as year, h.id::int as hearing_id, h.title as hearing_title,
       d.slug as decision_slug, ${isoUtc('h.held_at')} as held_at, h.seats,
       coalesce((select string_agg(q.category || ':' || q.seats, '; ' order by q.category) from public.hearing_quotas q
                 where q.hearing_id = h.id), '') as reserved_seats,
       h.lottery_seed_hash as seed_hash, ${isoUtc('h.lottery_seed_committed_at')} as seed_committed_at,
       ${isoUtc('h.signup_opens_at')} as signups_opened_at, h.lottery_seed as seed,
       w.public_id, w.category, u.code as district_code, w.draw_key, w.draw_order, w.drawn, w.current_status, w.listed_name
from public.hearing_draws w
join public.hearings h on h.id = w.hearing_id
left join public.decisions d on d.id = h.decision_id
left join public.units u on u.id = w.district_id
order by h.held_at, h.id, w.draw_order`;

// Leaders' half-year reports as public.leader_report_status marks them (published reports only).
const LEADER_REPORTS_SQL = `
select left(s.period, 4)::int as year, s.period, u.code as unit_code, u.name as unit_name, u.name_en as unit_name_en,
       c.name as cadre_name, c.title as cadre_title, c.title_en as cadre_title_en, c.is_principal,
       s.due_on::text as due_on, s.status, s.days_late, s.report_id::int as report_id, s.submitted_on::text as submitted_on,
       r.reported_to, r.reported_to_en, r.summary, r.summary_en, ${isoUtc('r.published_at')} as published_at
from public.leader_report_status s
join public.cadres c on c.id = s.cadre_id
join public.units u on u.id = s.unit_id
left join public.leader_reports r on r.id = s.report_id
order by s.period, u.sort_order, u.code, c.sort_order, c.id`;

// Published cases (row level security), with the basis by the ids and numbers other datasets use; no persons.
const ACCOUNTABILITY_CASES_SQL = `
select c.year, c.case_no, u.code as unit_code, u.name as unit_name, u.name_en as unit_name_en, c.basis_kind,
       c.target_id::int as target_id, t.code as target_code, c.supervision_id::int as supervision_id, s.ref as supervision_ref,
       r.version as assessment_version, c.opened_on::text as opened_on, c.summary, c.summary_en, c.measure,
       c.decided_on::text as decided_on, c.decision_summary, c.decision_summary_en, ${isoUtc('c.published_at')} as published_at
from public.accountability_cases c
join public.units u on u.id = c.unit_id
left join public.targets t on t.id = c.target_id
left join public.supervision_records s on s.id = c.supervision_id
left join public.assessment_runs r on r.id = c.assessment_run_id
order by c.year, c.case_no`;

type YearRow = { year: number };

function byYear<T extends YearRow>(rows: T[]): Map<number, T[]> {
  return groupBy(rows, (row) => row.year);
}

/** The targets dataset's columns of the targets the pages show (one read of targets for both). */
function targetRows(targets: TargetDetail[]): TargetRow[] {
  const codeOf = new Map(targets.map((t) => [t.id, t.code]));
  return targets.map((t) => ({
    id: t.id,
    code: t.code,
    year: t.year,
    unit_code: t.unit_code,
    unit_name: t.unit_name,
    unit_name_en: t.unit_name_en,
    parent_id: t.parent_id,
    parent_code: t.parent_id === null ? null : (codeOf.get(t.parent_id) ?? null),
    indicator_code: t.indicator_code,
    indicator_name: t.indicator_name,
    indicator_name_en: t.indicator_name_en,
    category: t.category,
    direction: t.direction,
    measure: t.measure,
    measure_en: t.measure_en,
    title: t.title,
    title_en: t.title_en,
    description: t.description,
    target_value: t.target_value,
    weight: t.weight,
    deadline: t.deadline,
    quality_requirement: t.quality_requirement,
    is_public_commitment: t.is_public_commitment,
    commitment_text: t.commitment_text,
    responsible_leader: t.leader_name,
    responsible_leader_title: t.leader_title,
    responsible_leader_title_en: t.leader_title_en,
    responsible_department: t.responsible_department,
    responsible_person: t.responsible_person,
    status: t.status,
    status_period: t.period,
    progress_pct: t.progress_pct,
    published_at: t.published_at,
  }));
}

async function read(tx: Queryable): Promise<OpenDataYear[]> {
  const years = await tx.query<{ year: number; status: string | null }>(YEARS_SQL);
  const units = byYear(await tx.query<YearRow>(UNITS_SQL));
  const cadres = await tx.query(CADRES_SQL);
  const targets = byYear(targetRows(await readTargets(tx)));
  const baselines = byYear(await tx.query<YearRow>(BASELINES_SQL));
  const reports = byYear(await readProgressReports(tx));
  const supervision = byYear(await tx.query<YearRow>(SUPERVISION_SQL));
  const bulletins = byYear(await tx.query<YearRow>(BULLETINS_SQL));
  const bulletinFigures = new Map<number, BulletinFigureRow[]>();
  const bulletinReports = new Map<number, { bulletin: string; report_ids: number[] }[]>();
  for (const b of await tx.query<YearRow & { slug: string; kind: Bulletin['kind']; period: string; cutoff: string; stats: unknown }>(BULLETIN_STATS_SQL)) {
    const stats = PeriodFiguresSchema.safeParse(b.stats);
    if (!stats.success) continue;
    bulletinFigures.set(b.year, [...(bulletinFigures.get(b.year) ?? []), ...bulletinFigureRows({ ...b, stats: stats.data })]);
    bulletinReports.set(b.year, [...(bulletinReports.get(b.year) ?? []), { bulletin: b.slug, report_ids: await countedReports(tx, b.year, b.cutoff) }]);
  }
  const assessments = byYear(await tx.query<YearRow>(ASSESSMENTS_SQL));
  const assessmentVersions = byYear(await tx.query<YearRow>(ASSESSMENT_VERSIONS_SQL));
  const rules = byYear(await tx.query<YearRow>(RULES_SQL));
  const targetScores = byYear(await tx.query<YearRow>(TARGET_SCORES_SQL));
  const massGroups = byYear(await tx.query<YearRow>(MASS_GROUPS_SQL));
  const monitoringInputs = byYear(await tx.query<YearRow>(MONITORING_INPUTS_SQL));
  const surveys = byYear(await tx.query<YearRow>(SURVEYS_SQL));
  const draws = byYear(await tx.query<YearRow>(HEARING_DRAWS_SQL));
  const leaderReports = byYear(await tx.query<YearRow>(LEADER_REPORTS_SQL));
  const accountabilityCases = byYear(await tx.query<YearRow>(ACCOUNTABILITY_CASES_SQL));
  return years.map(({ year, status }) =>
    OpenDataYearSchema.parse({
      year,
      status,
      units: units.get(year) ?? [],
      cadres,
      targets: targets.get(year) ?? [],
      target_baselines: baselines.get(year) ?? [],
      progress_reports: reports.get(year) ?? [],
      supervision_records: supervision.get(year) ?? [],
      bulletins: bulletins.get(year) ?? [],
      bulletin_figures: bulletinFigures.get(year) ?? [],
      bulletin_reports: bulletinReports.get(year) ?? [],
      annual_assessments: assessments.get(year) ?? [],
      annual_assessment_versions: assessmentVersions.get(year) ?? [],
      assessment_rules: rules.get(year) ?? [],
      assessment_target_scores: targetScores.get(year) ?? [],
      mass_evaluation_groups: massGroups.get(year) ?? [],
      monitoring_inputs: monitoringInputs.get(year) ?? [],
      survey_aggregates: surveys.get(year) ?? [],
      hearing_draws: draws.get(year) ?? [],
      leader_reports: leaderReports.get(year) ?? [],
      accountability_cases: accountabilityCases.get(year) ?? [],
    }),
  );
}

/** One entry per year: assessment years, and any other year a published bulletin or a drawn hearing is about. */
export async function readOpenDataYears(db: Db): Promise<OpenDataYear[]> {
  return db.asRole('anon', read);
}
