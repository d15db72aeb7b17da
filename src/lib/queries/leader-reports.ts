/** Build-time read of leaders' half-year reports by unit, as the anonymous public sees them. */
import type { Queryable } from '../db/types.ts';
import { LeaderReportSchema, type LeaderReport } from '../schemas/leader-report.ts';
import { groupBy } from './group.ts';

// Each published report and each past-due half year without one; newest half year first.
const LEADER_REPORTS_SQL = `
select s.unit_id, s.cadre_id::int as cadre_id, c.name as cadre_name, c.title as cadre_title, c.title_en as cadre_title_en,
       s.period, s.due_on::text as due_on, s.status, s.days_late, s.submitted_on::text as submitted_on,
       r.reported_to, r.reported_to_en, r.summary, r.summary_en
from public.leader_report_status s
join public.cadres c on c.id = s.cadre_id
left join public.leader_reports r on r.id = s.report_id
order by s.unit_id, s.period desc, c.sort_order, c.id`;

/** Reports by unit id. */
export async function readLeaderReports(tx: Queryable): Promise<Map<number, LeaderReport[]>> {
  const rows = await tx.query<{ unit_id: number }>(LEADER_REPORTS_SQL);
  const byUnit = groupBy(rows, (r) => Number(r.unit_id));
  return new Map([...byUnit].map(([unit, list]) => [unit, list.map((r) => LeaderReportSchema.parse(r))]));
}
