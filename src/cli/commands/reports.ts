/** `gongshi reports due`: the monthly reporting cycle (src/lib/targets/cycle.ts). */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { matching, noMore } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { reportsDue, type ReportsDue } from '../../lib/targets/cycle.ts';

/** Targets still due, grouped by responsible unit, then the reports filed late. */
export function formatReportsDue(r: ReportsDue): string {
  const overdue = r.asOf > r.dueOn;
  const lines = [`Monthly reports for ${r.period}: due by ${r.dueOn} (Asia/Shanghai); as of ${r.asOf} ${overdue ? 'the deadline has passed' : 'the deadline has not passed yet'}.`];
  if (r.missing.length === 0) {
    lines.push('', 'Every published target that needs a report for this month has one.');
  } else {
    const units = new Map<string, typeof r.missing>();
    for (const m of r.missing) {
      const list = units.get(m.unit_code);
      if (list) list.push(m);
      else units.set(m.unit_code, [m]);
    }
    lines.push('', `${r.missing.length} target${r.missing.length === 1 ? '' : 's'} without a report, in ${units.size} unit${units.size === 1 ? '' : 's'}${overdue ? ` (${r.missing[0]!.days_overdue} days overdue)` : ''}:`);
    for (const [code, rows] of units) {
      lines.push('', `${code} ${rows[0]!.unit_name} (${rows.length})`);
      for (const m of rows) lines.push(`  ${m.target_code}  ${m.title} (${m.responsible_department}, ${m.responsible_person})`);
    }
  }
  if (r.late.length > 0) {
    lines.push('', `${r.late.length} report${r.late.length === 1 ? '' : 's'} filed late (after ${r.dueOn}):`);
    for (const l of r.late) lines.push(`  ${l.unit_code} ${l.unit_name}  ${l.target_code}  filed ${l.reported_at}, ${l.days_late} day${l.days_late === 1 ? '' : 's'} late`);
  }
  return lines.join('\n');
}

export const reportsCommand: Command = {
  name: 'reports',
  summary: 'The monthly reporting cycle: which targets still owe a report, which were filed late',
  help: `Usage: npm run gongshi -- reports due --period YYYY-MM [--as-of YYYY-MM-DD]

Lists the published targets that have no report for the month, grouped by the unit responsible
(with the responsible department and person), and the month's reports that were filed late.
A month's report is due by the assessment year's report_due_day of the following month
(Asia/Shanghai calendar); a report filed after that day is marked late (public view
progress_report_timeliness). A target finished (completed or not completed) in an earlier month
owes no more reports.

Options:
  --period YYYY-MM     the month reported on (required)
  --as-of DATE         the day to count overdue days from (default: today in Asia/Shanghai)`,
  options: {
    period: { type: 'string' },
    'as-of': { type: 'string' },
  },
  async run(values, positionals) {
    const [action, ...extra] = positionals;
    if (action !== 'due') throw new UsageError(action ? `Unknown action "${action}": use due.` : 'reports needs an action: due.');
    noMore(extra);
    const period = matching(values['period'], /^\d{4}-(0[1-9]|1[0-2])$/, `--period must be a month YYYY-MM, got "${String(values['period'] ?? '')}".`);
    const asOf = values['as-of'] === undefined ? undefined
      : matching(values['as-of'], /^\d{4}-\d{2}-\d{2}$/, `--as-of must be a date YYYY-MM-DD, got "${String(values['as-of'])}".`);
    const db = await openDb();
    try {
      await migrate(db);
      console.log(formatReportsDue(await reportsDue(db, period, asOf)));
      return 0;
    } finally {
      await db.close();
    }
  },
};
