/** Build-time read of published accountability cases by unit, as the anonymous public sees them (no persons). */
import type { Queryable } from '../db/types.ts';
import { AccountabilityCaseSchema, type AccountabilityCase } from '../schemas/accountability.ts';
import { groupBy } from './group.ts';

// Newest decision first. The bases are joined as anon too: what the public cannot see stays null.
const ACCOUNTABILITY_SQL = `
select c.unit_id::int as unit_id, c.case_no, c.year, c.basis_kind,
       t.id::int as target_id, t.code as target_code, t.title as target_title, t.title_en as target_title_en,
       s.id::int as supervision_id, s.ref as supervision_ref, s.conducted_on::text as conducted_on,
       r.year as assessment_year, r.version as assessment_version,
       case when r.id is not null then r.version = (select max(x.version) from public.assessment_runs x
                                                   where x.year = r.year and x.published_at is not null) end as assessment_current,
       c.opened_on::text as opened_on, c.summary, c.summary_en, c.measure, c.decided_on::text as decided_on,
       c.decision_summary, c.decision_summary_en, (c.published_at at time zone 'Asia/Shanghai')::date::text as published_on
from public.accountability_cases c
left join public.targets t on t.id = c.target_id
left join public.supervision_records s on s.id = c.supervision_id
left join public.assessment_runs r on r.id = c.assessment_run_id
order by c.unit_id, c.decided_on desc, c.case_no desc`;

/** Published cases by unit id. */
export async function readAccountabilityCases(tx: Queryable): Promise<Map<number, AccountabilityCase[]>> {
  const rows = await tx.query<{ unit_id: number }>(ACCOUNTABILITY_SQL);
  const byUnit = groupBy(rows, (r) => Number(r.unit_id));
  return new Map([...byUnit].map(([unit, list]) => [unit, list.map((r) => AccountabilityCaseSchema.parse(r))]));
}
