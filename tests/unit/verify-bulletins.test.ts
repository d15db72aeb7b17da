/**
 * The bulletin verifier on a small year worked out by hand: a February bulletin cut off on
 * 10 March, with a report and a correction filed after it that must not count, a decomposed
 * target and a late report. The published files agree; any tampering shows as a mismatch.
 */
import { describe, expect, it } from 'vitest';
import { bulletinFigureRows, type BulletinFigureRow } from '../../src/lib/opendata/bulletin-figures.ts';
import type { BulletinRow } from '../../src/lib/schemas/opendata/bulletins.ts';
import type { ProgressReportRow } from '../../src/lib/schemas/opendata/progress-reports.ts';
import type { TargetRow } from '../../src/lib/schemas/opendata/targets.ts';
import type { PeriodFigures } from '../../src/lib/schemas/period-figures.ts';
import { periodMonths, reportsInForce, verifyBulletins } from '../../src/lib/verify/bulletins.ts';

const CUTOFF = '2026-03-10T02:00:00Z';

const target = (id: number, unit_code: string, extra: Partial<TargetRow> = {}) =>
  ({ id, year: 2026, unit_code, parent_id: null, is_public_commitment: false, published_at: '2026-02-01T02:00:00Z', ...extra }) as TargetRow;
const targets = [
  target(1, 'A01', { is_public_commitment: true }),
  target(2, 'A01'),
  target(3, 'A01', { parent_id: 2 }),
  target(4, 'A01', { parent_id: 2 }),
  target(5, 'B01'),
];

const report = (id: number, target_id: number, period: string, status: ProgressReportRow['status'], reported_at: string, supersedes_id: number | null = null) =>
  ({ id, target_id, year: 2026, period, status, reported_at, supersedes_id, due_on: period === '2026-01' ? '2026-02-05' : '2026-03-05' }) as ProgressReportRow;
const reports = [
  report(1, 1, '2026-01', 'on_track', '2026-02-03T02:00:00Z'),
  report(2, 1, '2026-02', 'completed', '2026-03-04T02:00:00Z'),
  report(3, 3, '2026-01', 'on_track', '2026-02-03T02:00:00Z'),
  // Filed on 6 March in Shanghai, after the 5 March due date: late.
  report(4, 3, '2026-02', 'behind', '2026-03-05T17:00:00Z'),
  report(5, 4, '2026-01', 'completed', '2026-02-04T02:00:00Z'),
  report(6, 5, '2026-01', 'on_track', '2026-02-03T02:00:00Z'),
  // After the cut-off: the February report of target 5 is missing as of the bulletin,
  report(7, 5, '2026-02', 'on_track', '2026-03-12T02:00:00Z'),
  // and target 1's correction does not change it.
  report(8, 1, '2026-02', 'behind', '2026-03-15T02:00:00Z', 2),
];

const figures: PeriodFigures = {
  kind: 'monthly',
  period: '2026-02',
  year: 2026,
  first_period: '2026-02',
  last_period: '2026-02',
  cutoff_at: CUTOFF,
  targets: 5,
  // 1 and 4 completed; 3 behind, so its parent 2 too; 5 on track (its February report came later).
  by_status: { completed: 2, on_track: 1, behind: 2, not_completed: 0, no_report: 0 },
  previous_by_status: { completed: 1, on_track: 4, behind: 0, not_completed: 0, no_report: 0 },
  commitments: { total: 1, completed: 1, at_risk: 0 },
  late_units: [
    { code: 'A01', name: 'A', name_en: null, late: 1, missing: 0 },
    { code: 'B01', name: 'B', name_en: null, late: 0, missing: 1 },
  ],
  most_behind: [{ code: 'A01', name: 'A', name_en: null, targets: 4, lagging: 2, lagging_share: 0.5 }],
  supervision: { total: 0, by_method: {}, public: [] },
};

const bulletin = {
  slug: 'monthly-2026-02', kind: 'monthly', period: '2026-02', cutoff_at: CUTOFF, published_at: '2026-03-10T02:00:00Z',
} as BulletinRow;
const rows = bulletinFigureRows({ ...bulletin, stats: figures });

const check = (over: { figures?: BulletinFigureRow[]; reports?: ProgressReportRow[]; bulletins?: BulletinRow[] } = {}) =>
  verifyBulletins({ bulletins: over.bulletins ?? [bulletin], figures: over.figures ?? rows, targets, reports: over.reports ?? reports });

describe('verifyBulletins', () => {
  it('periods are months', () => {
    expect(periodMonths('quarterly', '2026-Q3')).toEqual({ year: 2026, first: 7, last: 9 });
    expect(periodMonths('semiannual', '2026-H2')).toEqual({ year: 2026, first: 7, last: 12 });
    expect(periodMonths('annual', '2026')).toEqual({ year: 2026, first: 1, last: 12 });
  });

  it('counts only the reports filed before the cut-off, and corrections filed before it', () => {
    expect(reportsInForce(reports, CUTOFF).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reportsInForce(reports, '2026-03-16T00:00:00Z').map((r) => r.id)).toEqual([1, 3, 4, 5, 6, 7, 8]);
  });

  it('agrees with the figures worked out by hand', () => {
    expect(check()).toEqual({ bulletins: 1, findings: [] });
  });

  it('leaves out targets published after the cut-off, as the bulletin did', () => {
    const later = [...targets, target(99, 'A01', { published_at: '2026-03-10T02:00:01Z' })];
    expect(verifyBulletins({ bulletins: [bulletin], figures: rows, targets: later, reports })).toEqual({ bulletins: 1, findings: [] });
    const before = [...targets, target(99, 'A01', { published_at: '2026-03-10T01:59:59Z' })];
    expect(verifyBulletins({ bulletins: [bulletin], figures: rows, targets: before, reports }).findings.length).toBeGreaterThan(0);
  });

  it('finds a tampered count', () => {
    const tampered = rows.map((r) => (r.section === 'status' && r.item === 'completed' ? { ...r, count: 3 } : r));
    expect(check({ figures: tampered }).findings).toEqual([
      { bulletin: 'monthly-2026-02', problem: 'status completed count: published 3, recomputed 2' },
    ]);
  });

  it('finds figures that counted a report filed after the cut-off', () => {
    // As if the bulletin had been computed later: the correction and target 5's report count.
    const later = rows.filter((r) => !(r.section === 'late_units' && r.unit_code === 'B01'));
    const { findings } = check({ figures: later });
    expect(findings.map((f) => f.problem)).toEqual(['late_units late B01: not published, recomputed 0', 'late_units missing B01: not published, recomputed 1']);
  });

  it('finds a tampered report date in the progress reports dataset', () => {
    const moved = reports.map((r) => (r.id === 8 ? { ...r, reported_at: '2026-03-09T02:00:00Z' } : r));
    const problems = check({ reports: moved }).findings.map((f) => f.problem);
    expect(problems).toContain('status completed count: published 2, recomputed 1');
    expect(problems).toContain('commitments completed count: published 1, recomputed 0');
  });

  it('finds a cut-off after the publication, and figures of a bulletin that is not published', () => {
    expect(check({ bulletins: [{ ...bulletin, published_at: '2026-03-09T00:00:00Z' }] }).findings).toEqual([
      { bulletin: 'monthly-2026-02', problem: 'its cut-off 2026-03-10T02:00:00Z is after its publication 2026-03-09T00:00:00Z' },
    ]);
    expect(check({ bulletins: [] }).findings).toEqual([
      { bulletin: 'monthly-2026-02', problem: 'its figures are published but the bulletin is not in the bulletins dataset' },
    ]);
  });
});
