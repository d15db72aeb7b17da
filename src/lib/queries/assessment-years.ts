/** Build-time read of every assessment year's rules. */
import type { Db } from '../db/types.ts';
import { AssessmentYearSchema, type AssessmentYear } from '../schemas/assessment-year.ts';

const SQL = `
select year, status, weight_target::float8 as weight_target, weight_mass::float8 as weight_mass,
       weight_monitoring::float8 as weight_monitoring, excellent_count, bottom_count, pass_score::float8 as pass_score,
       achievement_cap::float8 as achievement_cap, monitoring_base::float8 as monitoring_base,
       respondent_group_weights, mass_min_sample, report_due_day
from public.assessment_years order by year`;

export async function readAssessmentYears(db: Db): Promise<AssessmentYear[]> {
  const rows = await db.asRole('anon', (tx) => tx.query(SQL));
  return rows.map((row) => AssessmentYearSchema.parse(row));
}
