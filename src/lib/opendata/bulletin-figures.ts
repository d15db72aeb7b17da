/**
 * A bulletin's figures as one CSV (/bulletins/<slug>.csv): one row per figure, in the order
 * the bulletin shows them, so a journalist can check every number the bulletin states.
 */
import { z } from 'zod';
import type { Bulletin } from '../schemas/bulletin.ts';
import { BulletinKindSchema } from '../domain/bulletins.ts';
import { PROGRESS_STATUSES, type StatusCounts } from '../domain/progress.ts';
import { SUPERVISION_METHODS } from '../domain/supervision.ts';
import { column, describeColumns, type ColumnDoc } from './columns.ts';

export const BulletinFigureSectionSchema = z.enum(['status', 'commitments', 'most_behind', 'late_units', 'supervision']);

export const BulletinFigureRowSchema = z.strictObject({
  bulletin: column(z.string(), '通报标识（网址中使用）', 'Slug of the bulletin'),
  kind: column(BulletinKindSchema, '通报类型', 'Kind of bulletin'),
  period: column(z.string(), '期间：YYYY-MM、YYYY-Qn、YYYY-H1/H2 或 YYYY', 'Period: YYYY-MM, YYYY-Qn, YYYY-H1/H2 or YYYY'),
  section: column(
    BulletinFigureSectionSchema,
    '部分：status 目标状态，commitments 公开承诺，most_behind 滞后较多的单位，late_units 未按时报送，supervision 督查',
    'Section: status of targets, public commitments, units most behind, reports not filed on time, supervision',
  ),
  item: column(
    z.string(),
    '项目：状态代码（completed 等）；承诺 total/completed/at_risk；单位行 lagging、late 或 missing；督查方式代码',
    'Item: a status code (completed, …); for commitments total/completed/at_risk; for a unit row lagging, late or missing; a supervision method code',
  ),
  unit_code: column(z.string().nullable(), '单位代码（单位行）', 'Unit code (unit rows)'),
  unit_name: column(z.string().nullable(), '单位名称（单位行）', 'Unit name (unit rows)'),
  unit_name_en: column(z.string().nullable(), '单位英文名称（单位行）', 'Unit name in English (unit rows)'),
  count: column(z.number().int(), '数量', 'Count'),
  of_total: column(z.number().int().nullable(), '总数（占比的分母）', 'Total the count is a share of'),
  share_pct: column(z.number().nullable(), '占比（%，保留一位小数，与通报一致）', 'Share in per cent, one decimal, as the bulletin shows it'),
  change: column(z.number().int().nullable(), '较上期增减（目标状态）', 'Change from the previous period (status rows)'),
});
export type BulletinFigureRow = z.output<typeof BulletinFigureRowSchema>;

/** One decimal, as the bulletin text rounds it (toFixed, not Math.round, so the two agree). */
const share = (n: number, total: number) => (total === 0 ? 0 : Number(((n / total) * 100).toFixed(1)));

/** The rows of a bulletin's figures; none for a bulletin written by hand (no stats). */
export function bulletinFigureRows(b: Pick<Bulletin, 'slug' | 'kind' | 'period' | 'stats'>): BulletinFigureRow[] {
  const f = b.stats;
  if (!f) return [];
  const base = { bulletin: b.slug, kind: b.kind, period: b.period, unit_code: null, unit_name: null, unit_name_en: null, change: null };
  const before: StatusCounts | null = f.previous_by_status;
  const rows: BulletinFigureRow[] = [];
  for (const s of PROGRESS_STATUSES) {
    const n = f.by_status[s];
    rows.push({ ...base, section: 'status', item: s, count: n, of_total: f.targets, share_pct: share(n, f.targets), change: before ? n - before[s] : null });
  }
  const c = f.commitments;
  rows.push({ ...base, section: 'commitments', item: 'total', count: c.total, of_total: null, share_pct: null });
  rows.push({ ...base, section: 'commitments', item: 'completed', count: c.completed, of_total: c.total, share_pct: share(c.completed, c.total) });
  rows.push({ ...base, section: 'commitments', item: 'at_risk', count: c.at_risk, of_total: c.total, share_pct: share(c.at_risk, c.total) });
  for (const u of f.most_behind) {
    const unit = { unit_code: u.code, unit_name: u.name, unit_name_en: u.name_en };
    rows.push({ ...base, ...unit, section: 'most_behind', item: 'lagging', count: u.lagging, of_total: u.targets, share_pct: Number((u.lagging_share * 100).toFixed(1)) });
  }
  // The bulletin lists the first ten late units; the CSV has them all.
  for (const u of f.late_units) {
    const unit = { unit_code: u.code, unit_name: u.name, unit_name_en: u.name_en };
    rows.push({ ...base, ...unit, section: 'late_units', item: 'late', count: u.late, of_total: null, share_pct: null });
    rows.push({ ...base, ...unit, section: 'late_units', item: 'missing', count: u.missing, of_total: null, share_pct: null });
  }
  const methods = Object.keys(f.supervision.by_method).sort((a, b) => indexOf(a) - indexOf(b) || a.localeCompare(b));
  rows.push({ ...base, section: 'supervision', item: 'total', count: f.supervision.total, of_total: null, share_pct: null });
  for (const m of methods) {
    rows.push({ ...base, section: 'supervision', item: m, count: f.supervision.by_method[m] ?? 0, of_total: f.supervision.total, share_pct: null });
  }
  return rows;
}

function indexOf(method: string): number {
  const i = (SUPERVISION_METHODS as readonly string[]).indexOf(method);
  return i < 0 ? SUPERVISION_METHODS.length : i;
}

let columns: ColumnDoc[] | undefined;
/** The documented columns, in file order (listed on /data/). */
export function bulletinFigureColumns(): ColumnDoc[] {
  columns ??= describeColumns(BulletinFigureRowSchema);
  return columns;
}
