/**
 * Every bulletin's headline figures recomputed from the open datasets alone: the targets of its
 * year, the progress reports filed before its cut-off (bulletins.cutoff_at), and the rules
 * private.period_figures applies, written again independently so a disagreement shows. A report
 * counts when it was filed before the cut-off and no correction filed before the cut-off
 * supersedes it; a target's status at the end of a month is its latest such report for that
 * month or before, and a decomposed target's follows its leaves. Supervision totals include
 * findings that are not public, so they are not recomputed here.
 */
import type { BulletinFigureRow } from '../opendata/bulletin-figures.ts';
import type { BulletinRow } from '../schemas/opendata/bulletins.ts';
import type { ProgressReportRow } from '../schemas/opendata/progress-reports.ts';
import type { TargetRow } from '../schemas/opendata/targets.ts';
import { PROGRESS_STATUSES, type ProgressStatus } from '../domain/progress.ts';
import { divideRounded } from './exact.ts';

export interface BulletinInputs {
  bulletins: readonly BulletinRow[];
  figures: readonly BulletinFigureRow[];
  targets: readonly TargetRow[];
  reports: readonly ProgressReportRow[];
  /** The report ids each bulletin's snapshot says it counts (/api/v1/bulletins/<slug>.json), when read. */
  counted?: ReadonlyMap<string, readonly number[]>;
}

type Status = ProgressStatus;

/** First and last month of a bulletin period (as private.period_bounds). */
export function periodMonths(kind: BulletinRow['kind'], period: string): { year: number; first: number; last: number } {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  switch (kind) {
    case 'monthly':
      return { year, first: Number(rest), last: Number(rest) };
    case 'quarterly':
      return { year, first: Number(rest.slice(1)) * 3 - 2, last: Number(rest.slice(1)) * 3 };
    case 'semiannual':
      return { year, first: rest === 'H1' ? 1 : 7, last: rest === 'H1' ? 6 : 12 };
    case 'annual':
      return { year, first: 1, last: 12 };
  }
}

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;
/** Published instants are whole seconds in UTC, so they compare as text. */
const before = (instant: string, cutoff: string) => Date.parse(instant) < Date.parse(cutoff);

/** The reports in force at the cut-off: filed before it, and not superseded by a correction filed before it. */
export function reportsInForce(reports: readonly ProgressReportRow[], cutoff: string): ProgressReportRow[] {
  const filed = reports.filter((r) => before(r.reported_at, cutoff));
  const superseded = new Set(filed.map((r) => r.supersedes_id).filter((id): id is number => id !== null));
  return filed.filter((r) => !superseded.has(r.id));
}

interface YearState {
  targets: readonly TargetRow[];
  inForce: Map<number, ProgressReportRow[]>;
  leaves: Map<number, number[]>;
}

function yearState(targets: readonly TargetRow[], reports: readonly ProgressReportRow[], cutoff: string): YearState {
  const children = Map.groupBy(targets.filter((t) => t.parent_id !== null), (t) => t.parent_id!);
  const leaves = new Map<number, number[]>();
  const leavesOf = (id: number): number[] => {
    const known = leaves.get(id);
    if (known) return known;
    const kids = children.get(id) ?? [];
    const list = kids.length === 0 ? [id] : kids.flatMap((k) => leavesOf(k.id));
    leaves.set(id, list);
    return list;
  };
  for (const t of targets) leavesOf(t.id);
  return { targets, inForce: Map.groupBy(reportsInForce(reports, cutoff), (r) => r.target_id), leaves };
}

/** A target's status at the end of a month: its leaves' latest reports for that month or before, rolled up. */
function statusAt(state: YearState, targetId: number, year: number, m: number): Status {
  const upTo = month(year, m);
  const own = (state.leaves.get(targetId) ?? [targetId]).map((leaf): Status => {
    let latest: ProgressReportRow | undefined;
    for (const r of state.inForce.get(leaf) ?? []) if (r.period <= upTo && (!latest || r.period > latest.period)) latest = r;
    return latest?.status ?? 'no_report';
  });
  if (own.every((s) => s === 'completed')) return 'completed';
  if (own.some((s) => s === 'not_completed')) return 'not_completed';
  if (own.some((s) => s === 'behind')) return 'behind';
  if (own.every((s) => s === 'no_report')) return 'no_report';
  return 'on_track';
}

const share = (n: number, total: number) => (total === 0 ? 0 : Number(((n / total) * 100).toFixed(1)));

type Key = `${BulletinFigureRow['section']}|${string}|${string}`;
const keyOf = (r: Pick<BulletinFigureRow, 'section' | 'item' | 'unit_code'>): Key => `${r.section}|${r.item}|${r.unit_code ?? ''}`;
type Recomputed = Pick<BulletinFigureRow, 'count' | 'of_total' | 'share_pct' | 'change'>;

/** The headline rows of one bulletin (every section but supervision), keyed by section, item and unit. */
export function recomputeBulletin(
  bulletin: Pick<BulletinRow, 'kind' | 'period' | 'cutoff_at'>,
  targets: readonly TargetRow[],
  reports: readonly ProgressReportRow[],
): Map<Key, Recomputed> {
  const { year, first, last } = periodMonths(bulletin.kind, bulletin.period);
  // As the bulletin saw them: targets published before its cut-off.
  const cutoff = Date.parse(bulletin.cutoff_at);
  const yearTargets = targets.filter((t) => t.year === year && Date.parse(t.published_at) < cutoff);
  const state = yearState(yearTargets, reports.filter((r) => r.year === year), bulletin.cutoff_at);
  const out = new Map<Key, Recomputed>();
  const put = (section: BulletinFigureRow['section'], item: string, unit: string | null, value: Recomputed) =>
    out.set(keyOf({ section, item, unit_code: unit }), value);

  const counts = (m: number) => {
    const c: Record<Status, number> = { completed: 0, on_track: 0, behind: 0, not_completed: 0, no_report: 0 };
    for (const t of yearTargets) c[statusAt(state, t.id, year, m)]++;
    return c;
  };
  const now = counts(last);
  const previous = first > 1 ? counts(first - 1) : null;
  for (const s of PROGRESS_STATUSES) {
    put('status', s, null, { count: now[s], of_total: yearTargets.length, share_pct: share(now[s], yearTargets.length), change: previous ? now[s] - previous[s] : null });
  }

  const status = new Map(yearTargets.map((t) => [t.id, statusAt(state, t.id, year, last)]));
  const commitments = yearTargets.filter((t) => t.is_public_commitment);
  const completed = commitments.filter((t) => status.get(t.id) === 'completed').length;
  const atRisk = commitments.filter((t) => ['behind', 'not_completed'].includes(status.get(t.id)!)).length;
  put('commitments', 'total', null, { count: commitments.length, of_total: null, share_pct: null, change: null });
  put('commitments', 'completed', null, { count: completed, of_total: commitments.length, share_pct: share(completed, commitments.length), change: null });
  put('commitments', 'at_risk', null, { count: atRisk, of_total: commitments.length, share_pct: share(atRisk, commitments.length), change: null });

  // Units most behind: the five with the largest share of lagging targets (ties by unit code).
  const units = [...Map.groupBy(yearTargets, (t) => t.unit_code)].map(([code, list]) => ({
    code,
    targets: list.length,
    lagging: list.filter((t) => ['behind', 'not_completed'].includes(status.get(t.id)!)).length,
  }));
  const behind = units
    .filter((u) => u.lagging > 0)
    .sort((a, b) => b.lagging * a.targets - a.lagging * b.targets || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, 5);
  for (const u of behind) {
    const lagging_share = divideRounded(u.lagging * 1000, u.targets) / 1000;
    put('most_behind', 'lagging', u.code, { count: u.lagging, of_total: u.targets, share_pct: Number((lagging_share * 100).toFixed(1)), change: null });
  }

  // Reports not filed on time: for each month of the period, every target without published
  // sub-targets that was not finished (completed or not completed) in an earlier month owes one.
  const inForce = [...state.inForce.values()].flat();
  const finished = new Map<number, number>();
  for (const r of inForce) {
    if (r.status !== 'completed' && r.status !== 'not_completed') continue;
    const m = Number(r.period.slice(5));
    finished.set(r.target_id, Math.min(finished.get(r.target_id) ?? 13, m));
  }
  const originals = new Map<string, ProgressReportRow>();
  for (const r of reports) {
    if (r.year === year && r.supersedes_id === null && before(r.reported_at, bulletin.cutoff_at)) originals.set(`${r.target_id}|${r.period}`, r);
  }
  const filing = new Map<string, { late: number; missing: number }>();
  for (const t of yearTargets) {
    if ((state.leaves.get(t.id) ?? [t.id]).some((leaf) => leaf !== t.id)) continue;
    for (let m = first; m <= last; m++) {
      const done = finished.get(t.id);
      if (done !== undefined && done < m) continue;
      const f = filing.get(t.unit_code) ?? { late: 0, missing: 0 };
      const report = originals.get(`${t.id}|${month(year, m)}`);
      if (!report) f.missing++;
      else if (filedLate(report)) f.late++;
      filing.set(t.unit_code, f);
    }
  }
  for (const [code, f] of filing) {
    if (f.late + f.missing === 0) continue;
    put('late_units', 'late', code, { count: f.late, of_total: null, share_pct: null, change: null });
    put('late_units', 'missing', code, { count: f.missing, of_total: null, share_pct: null, change: null });
  }
  return out;
}

/** Filed after its due date (report_due_day of the following month) by the city's calendar (Asia/Shanghai, UTC+8). */
function filedLate(report: ProgressReportRow): boolean {
  const filedOn = new Date(Date.parse(report.reported_at) + 8 * 3600_000).toISOString().slice(0, 10);
  return filedOn > report.due_on;
}

export interface BulletinFinding {
  bulletin: string;
  problem: string;
}

/** Every bulletin of one year with figures: each published headline row against its recomputation. */
export function verifyBulletins(inputs: BulletinInputs): { bulletins: number; findings: BulletinFinding[] } {
  const findings: BulletinFinding[] = [];
  const rows = Map.groupBy(inputs.figures, (r) => r.bulletin);
  const bySlug = new Map(inputs.bulletins.map((b) => [b.slug, b]));
  for (const [slug, published] of rows) {
    const say = (problem: string) => findings.push({ bulletin: slug, problem });
    const bulletin = bySlug.get(slug);
    if (!bulletin) {
      say('its figures are published but the bulletin is not in the bulletins dataset');
      continue;
    }
    if (Date.parse(bulletin.cutoff_at) > Date.parse(bulletin.published_at)) {
      say(`its cut-off ${bulletin.cutoff_at} is after its publication ${bulletin.published_at}`);
    }
    const counted = inputs.counted?.get(slug);
    if (counted) {
      const { year } = periodMonths(bulletin.kind, bulletin.period);
      const ids = new Set(reportsInForce(inputs.reports.filter((r) => r.year === year), bulletin.cutoff_at).map((r) => r.id));
      const extra = counted.filter((id) => !ids.has(id));
      const missing = [...ids].filter((id) => !counted.includes(id));
      if (extra.length + missing.length > 0) {
        say(`counted reports: the snapshot lists ${extra.length} not in force at the cut-off (${extra.slice(0, 5).join(', ')}) and omits ${missing.length} (${missing.slice(0, 5).join(', ')})`);
      }
    }
    const recomputed = recomputeBulletin(bulletin, inputs.targets, inputs.reports);
    const seen = new Set<Key>();
    for (const row of published) {
      if (row.section === 'supervision') continue;
      const key = keyOf(row);
      seen.add(key);
      const what = `${row.section} ${row.item}${row.unit_code ? ` ${row.unit_code}` : ''}`;
      const expected = recomputed.get(key);
      if (!expected) {
        say(`${what}: published ${row.count}, recomputed: not listed`);
        continue;
      }
      for (const field of ['count', 'of_total', 'share_pct', 'change'] as const) {
        if (row[field] !== expected[field]) say(`${what} ${field}: published ${row[field]}, recomputed ${expected[field]}`);
      }
    }
    for (const [key, expected] of recomputed) {
      if (!seen.has(key)) say(`${key.replaceAll('|', ' ').trim()}: not published, recomputed ${expected.count}`);
    }
  }
  return { bulletins: rows.size, findings };
}
