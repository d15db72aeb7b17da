/**
 * The annual assessment recomputed from its published parts: each unit's total from its three
 * published (rounded) parts and the year's weights, then ranks, the bottom group, grades and
 * consequences — the rules private.compute_assessment applies, written again independently so a
 * disagreement shows. Arithmetic is in integers (hundredths of points, thousandths of weights), as
 * Postgres' numeric is exact: floating point would round some halves the other way.
 */
import type { AnnualAssessmentRow } from '../schemas/opendata/annual-assessments.ts';
import { cents, divideRounded, thousandths } from './exact.ts';

/** The rules of one year, as the portal publishes them. */
export interface AssessmentRules {
  weight_target: number;
  weight_mass: number;
  weight_monitoring: number;
  excellent_count: number;
  bottom_count: number;
  pass_score: number;
  good_score: number;
}

export interface AssessmentMismatch {
  year: number;
  unit_code: string;
  field: 'total_score' | 'rank_in_pool' | 'pool_size' | 'grade' | 'consequence';
  published: string;
  recomputed: string;
}

/** The total in hundredths: weights × parts; without a mass score its weight goes to the other two in proportion. */
export function recomputeTotal(row: Pick<AnnualAssessmentRow, 'target_score' | 'mass_score' | 'monitoring_score'>, rules: AssessmentRules): number {
  const wt = thousandths(rules.weight_target);
  const wm = thousandths(rules.weight_mass);
  const wo = thousandths(rules.weight_monitoring);
  const t = cents(row.target_score);
  const o = cents(row.monitoring_score);
  if (row.mass_score === null) return divideRounded(wt * t + wo * o, wt + wo);
  return divideRounded(wt * t + wm * cents(row.mass_score) + wo * o, 1000);
}

/** Competition ranks (1, 2, 2, 4) of totals, best first. */
function ranks(totals: readonly number[], descending: boolean): number[] {
  return totals.map((x) => 1 + totals.filter((y) => (descending ? y > x : y < x)).length);
}

function gradeOf(total: number, pool: string, rank: number, rules: AssessmentRules): AnnualAssessmentRow['grade'] {
  if (total < cents(rules.pass_score)) return 'fail';
  if (pool === 'municipal_unit' && rank <= rules.excellent_count) return 'excellent';
  if (total >= cents(rules.good_score)) return 'good';
  return 'pass';
}

/**
 * Recomputes one year. `previous` is the year before's result in force (for the two-years-running
 * rule); without it, a repeated consequence cannot be checked and only its first step is.
 */
export function verifyAssessmentYear(
  year: number,
  rows: readonly AnnualAssessmentRow[],
  rules: AssessmentRules,
  previous: readonly AnnualAssessmentRow[] | null,
): AssessmentMismatch[] {
  const out: AssessmentMismatch[] = [];
  const differ = (row: AnnualAssessmentRow, field: AssessmentMismatch['field'], published: unknown, recomputed: unknown) => {
    if (String(published) !== String(recomputed)) out.push({ year, unit_code: row.unit_code, field, published: String(published), recomputed: String(recomputed) });
  };
  const before = new Map((previous ?? []).map((r) => [r.unit_code, r.consequence]));
  for (const pool of new Set(rows.map((r) => r.pool))) {
    const members = rows.filter((r) => r.pool === pool);
    const totals = members.map((r) => recomputeTotal(r, rules));
    const fromTop = ranks(totals, true);
    const fromBottom = ranks(totals, false);
    members.forEach((row, i) => {
      const total = totals[i]!;
      differ(row, 'total_score', row.total_score.toFixed(2), (total / 100).toFixed(2));
      differ(row, 'rank_in_pool', row.rank_in_pool, fromTop[i]);
      differ(row, 'pool_size', row.pool_size, members.length);
      const grade = gradeOf(total, pool, fromTop[i]!, rules);
      differ(row, 'grade', row.grade, grade);
      const bottom = fromBottom[i]! <= rules.bottom_count;
      const last = before.get(row.unit_code);
      const consequence = grade === 'fail' || bottom
        ? (last === 'admonishment' || last === 'suspension_or_demotion' ? 'suspension_or_demotion' : 'admonishment')
        : grade === 'excellent' ? 'award' : 'none';
      // Without last year's file, "admonished again" cannot be told from "admonished": accept either.
      const unknownHistory = previous === null && consequence === 'admonishment' && row.consequence === 'suspension_or_demotion';
      if (!unknownHistory) differ(row, 'consequence', row.consequence, consequence);
    });
  }
  return out;
}
