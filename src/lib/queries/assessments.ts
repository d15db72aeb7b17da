/** Build-time read of every published assessment version; the latest of a year is the one in force. */
import type { Db } from '../db/types.ts';
import { AssessmentSchema, type Assessment } from '../schemas/assessment.ts';
import { isoUtc } from '../db/sql-time.ts';

const RUNS_SQL = `
select year, version, ${isoUtc('published_at')} as published_at, reason
from public.assessment_runs order by year, version`;

const ROWS_SQL = `
select a.year, r.version, u.code as unit_code, u.name as unit_name, u.name_en as unit_name_en, a.pool,
       a.target_score::float8 as target_score, a.mass_score::float8 as mass_score, a.mass_margin::float8 as mass_margin,
       a.mass_sample_size, a.mass_groups, a.open_score::float8 as open_score, a.open_sample_size,
       a.monitoring_score::float8 as monitoring_score, a.total_score::float8 as total_score, a.rank_in_pool, a.pool_size,
       a.is_bottom, a.grade, a.consequence,
       coalesce((select jsonb_agg(jsonb_build_object('id', x.target_id, 'title', x.title, 'title_en', x.title_en,
                                                     'points_lost', x.points_lost) order by x.points_lost desc, x.target_id)
                 from (select s.target_id, t.title, t.title_en, s.points_lost::float8 as points_lost
                       from public.assessment_target_scores s join public.targets t on t.id = s.target_id
                       where s.run_id = a.run_id and s.unit_id = a.unit_id and t.parent_id is null and s.points_lost > 0
                       order by s.points_lost desc, s.target_id limit 5) x), '[]') as costly_targets
from public.annual_assessments a
join public.assessment_runs r on r.id = a.run_id and r.published_at is not null
join public.units u on u.id = a.unit_id
order by a.year, r.version, a.pool desc, a.rank_in_pool, u.code`;

/** The collection id of a version: the year for the version in force, year-vN for corrected ones. */
export function assessmentId(a: Pick<Assessment, 'year' | 'version' | 'current'>): string {
  return a.current ? String(a.year) : `${a.year}-v${a.version}`;
}

export async function readAssessments(db: Db): Promise<Assessment[]> {
  return db.asRole('anon', async (tx) => {
    const runs = await tx.query<{ year: number; version: number; published_at: string; reason: string | null }>(RUNS_SQL);
    const rows = await tx.query<{ year: number; version: number } & Record<string, unknown>>(ROWS_SQL);
    return runs.map((run) => {
      const versions = runs.filter((r) => r.year === run.year);
      return AssessmentSchema.parse({
        ...run,
        current: versions.at(-1)?.version === run.version,
        versions,
        rows: rows.filter((r) => r.year === run.year && r.version === run.version),
      });
    });
  });
}
