/**
 * The verifier's assessment check: a year built by the published rules verifies clean, and each
 * kind of wrong publication (a total off by a cent, a rank, a grade, a consequence) is named.
 */
import { describe, expect, it } from 'vitest';
import type { AnnualAssessmentRow } from '../../src/lib/schemas/opendata/annual-assessments.ts';
import { recomputeTotal, verifyAssessmentYear, type AssessmentRules } from '../../src/lib/verify/assessments.ts';

const rules: AssessmentRules = {
  weight_target: 0.6, weight_mass: 0.25, weight_monitoring: 0.15,
  excellent_count: 2, bottom_count: 1, pass_score: 60, good_score: 80,
};

function row(unit_code: string, pool: AnnualAssessmentRow['pool'], target: number, mass: number | null, monitoring: number): AnnualAssessmentRow {
  return {
    year: 2025, version: 1, published_at: '2026-02-01T02:00:00Z', correction_reason: null, unit_code, unit_name: unit_code,
    unit_name_en: null, pool, target_score: target, mass_score: mass, mass_margin: null, mass_sample_size: 0,
    open_score: null, open_sample_size: 0, monitoring_score: monitoring,
    total_score: 0, rank_in_pool: 0, pool_size: 0, grade: 'pass', consequence: 'none',
  };
}

/** Fills in what the rules say, as the portal would publish it. */
function published(rows: AnnualAssessmentRow[]): AnnualAssessmentRow[] {
  const fixed = verifyAssessmentYear(2025, rows, rules, []);
  return rows.map((r) => {
    const copy = { ...r };
    for (const m of fixed.filter((x) => x.unit_code === r.unit_code)) {
      const value = m.recomputed;
      if (m.field === 'total_score') copy.total_score = Number(value);
      else if (m.field === 'rank_in_pool' || m.field === 'pool_size') copy[m.field] = Number(value);
      else if (m.field === 'grade') copy.grade = value as AnnualAssessmentRow['grade'];
      else copy.consequence = value as AnnualAssessmentRow['consequence'];
    }
    return copy;
  });
}

const city = () => published([
  row('A', 'municipal_unit', 95.2, 90.1, 100),
  row('B', 'municipal_unit', 90, 88.44, 98.5),
  row('C', 'municipal_unit', 90, 88.44, 98.5),
  row('D', 'municipal_unit', 70.33, null, 92),
  row('E', 'municipal_unit', 50, 61.2, 70),
  row('X', 'district', 88, 85, 99),
  row('Y', 'district', 75, 80, 96),
]);

describe('verifying an assessment from its published parts', () => {
  it('rounds the weighted total half away from zero in exact arithmetic', () => {
    // 0.6 × 80.05 + 0.25 × 80.05 + 0.15 × 80.05 = 80.05 exactly; 0.6 × 70.01 + 0.15 × 90.02 → (42.006 + 13.503) / 0.75 = 74.012
    expect(recomputeTotal({ target_score: 80.05, mass_score: 80.05, monitoring_score: 80.05 }, rules)).toBe(8005);
    expect(recomputeTotal({ target_score: 70.01, mass_score: null, monitoring_score: 90.02 }, rules)).toBe(7401);
    // 0.6 × 0.01 + 0.25 × 0.01 + 0.15 × 0.01 = 0.01; a half: 0.25 × 0.02 = 0.005 → 0.01
    expect(recomputeTotal({ target_score: 0, mass_score: 0.02, monitoring_score: 0 }, rules)).toBe(1);
  });

  it('finds nothing wrong in a year published by the rules, ties included', () => {
    const rows = city();
    expect(verifyAssessmentYear(2025, rows, rules, [])).toEqual([]);
    const b = rows.find((r) => r.unit_code === 'B')!;
    const c = rows.find((r) => r.unit_code === 'C')!;
    expect([b.rank_in_pool, c.rank_in_pool]).toEqual([2, 2]);
    expect([b.grade, c.grade]).toEqual(['excellent', 'excellent']);
    expect(rows.find((r) => r.unit_code === 'E')).toMatchObject({ grade: 'fail', consequence: 'admonishment' });
    expect(rows.find((r) => r.unit_code === 'Y')).toMatchObject({ grade: 'pass', consequence: 'admonishment' });
  });

  it('names a total off by one cent, a wrong rank, grade or pool size', () => {
    const rows = city();
    rows[0] = { ...rows[0]!, total_score: rows[0]!.total_score + 0.01 };
    rows[3] = { ...rows[3]!, rank_in_pool: 3, grade: 'excellent' };
    rows[5] = { ...rows[5]!, pool_size: 7 };
    const found = verifyAssessmentYear(2025, rows, rules, []).map((m) => `${m.unit_code}.${m.field}`);
    expect(found).toEqual(expect.arrayContaining(['A.total_score', 'D.rank_in_pool', 'D.grade', 'X.pool_size']));
    expect(found).toHaveLength(4);
  });

  it('requires suspension for a second admonishment running, and not for a first', () => {
    const rows = city();
    const lastYear = rows.map((r) => ({ ...r, year: 2024, consequence: r.unit_code === 'E' ? 'admonishment' as const : 'none' as const }));
    const e = rows.findIndex((r) => r.unit_code === 'E');
    expect(verifyAssessmentYear(2025, rows, rules, lastYear).map((m) => m.field)).toEqual(['consequence']);
    rows[e] = { ...rows[e]!, consequence: 'suspension_or_demotion' };
    expect(verifyAssessmentYear(2025, rows, rules, lastYear)).toEqual([]);
    expect(verifyAssessmentYear(2025, rows, rules, []).map((m) => `${m.unit_code}.${m.field}`)).toEqual(['E.consequence']);
    // Without last year's file the repeat cannot be judged: accepted.
    expect(verifyAssessmentYear(2025, rows, rules, null)).toEqual([]);
  });
});
