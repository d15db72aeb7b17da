/**
 * Every progress report the public sees, with everything the target pages and the open data's
 * progress_reports dataset show of it: one read for both (each was 0.6–0.8 s of a build's load).
 */
import type { Queryable } from '../db/types.ts';
import { isoUtc } from '../db/sql-time.ts';
import { sharedRead } from '../db/shared-reads.ts';

/** A report as read: the dataset's columns (the target pages take theirs by schema). */
export interface ProgressReportRow {
  id: number;
  target_id: number;
  year: number;
  superseded_by_id: number | null;
  [column: string]: unknown;
}

// Due by report_due_day of the month after the period, in the city's calendar (Asia/Shanghai): the
// rule of public.progress_report_timeliness, whose due_on and is_late these are.
const REPORTS_SQL = `
select r.id, r.target_id, t.code as target_code, u.code as unit_code, t.year, r.period, r.status,
       r.actual_value::float8 as actual_value, r.progress_pct::float8 as progress_pct,
       r.result_text, r.progress_text, r.reasons_text, r.remedy_text, r.supersedes_id, r.correction_reason,
       n.id as superseded_by_id, n.id is null as in_force,
       ${isoUtc('r.reported_at')} as reported_at, l.due_on::text as due_on, l.is_late
from public.progress_reports r
join public.progress_report_timeliness l on l.report_id = r.id
join public.targets t on t.id = r.target_id
join public.units u on u.id = t.unit_id
left join public.progress_reports n on n.supersedes_id = r.id
order by t.year, t.code, r.period, r.id`;

/** Every report, by year and target code, then period and id (a correction after the report it corrects). */
export function readProgressReports(tx: Queryable): Promise<ProgressReportRow[]> {
  return sharedRead(tx, 'progress reports', (t) => t.query<ProgressReportRow>(REPORTS_SQL));
}
