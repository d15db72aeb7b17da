/**
 * Status changes of targets, derived from the progress reports: every report in force whose status
 * differs from the target's previous report in force. A target's first report is not a change.
 */
import type { ProgressReportRow } from '../schemas/opendata/progress-reports.ts';
import type { StatusChange } from '../schemas/opendata/api-units.ts';

type ReportFields = Pick<ProgressReportRow, 'id' | 'target_id' | 'target_code' | 'period' | 'status' | 'in_force' | 'reported_at'>;

/** Newest first (by filing time, then report id). */
export function statusChanges(reports: readonly ReportFields[]): StatusChange[] {
  const byTarget = new Map<number, ReportFields[]>();
  for (const r of reports) {
    if (!r.in_force) continue;
    const list = byTarget.get(r.target_id);
    if (list) list.push(r);
    else byTarget.set(r.target_id, [r]);
  }
  const changes: StatusChange[] = [];
  for (const list of byTarget.values()) {
    list.sort((a, b) => a.period.localeCompare(b.period) || a.id - b.id);
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1]!;
      const now = list[i]!;
      if (before.status === now.status) continue;
      changes.push({
        report_id: now.id,
        target_id: now.target_id,
        target_code: now.target_code,
        period: now.period,
        from: before.status,
        to: now.status,
        reported_at: now.reported_at,
      });
    }
  }
  return changes.sort((a, b) => b.reported_at.localeCompare(a.reported_at) || b.report_id - a.report_id);
}
