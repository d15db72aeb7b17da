/**
 * Assessment years and their scoring rules (assessment_years). The database checks the rules
 * (weights adding up to 1, ranges); these functions refuse what it cannot see: changing a year
 * that does not exist or whose assessment is published.
 */
import type { Db } from '../db/types.ts';
import { UsageError } from '../usage-error.ts';

/** Statuses staff set by hand; `published` is set by publishing the assessment. */
export const YEAR_STATUSES = ['planning', 'active', 'closed'] as const;

/** Rules to set, by column of assessment_years; those left out keep their value (or default). */
export interface YearRules {
  status?: (typeof YEAR_STATUSES)[number];
  weight_target?: number;
  weight_mass?: number;
  weight_monitoring?: number;
  excellent_count?: number;
  bottom_count?: number;
  pass_score?: number;
  good_score?: number;
  achievement_cap?: number;
  mass_min_sample?: number;
  report_due_day?: number;
  cadre_lower_below?: number;
  cadre_raise_from?: number;
  /** Respondent group → weight, adding up to 1. */
  respondent_group_weights?: Record<string, number>;
}

/** A year's rules as text, for listing. */
export interface YearListRow {
  year: string;
  status: string;
  weights: string;
  excellent_count: string;
  bottom_count: string;
  pass_score: string;
  good_score: string;
  groups: string;
  mass_min_sample: string;
  report_due_day: string;
}

export function listYears(db: Db): Promise<YearListRow[]> {
  return db.query<YearListRow>(
    `select year::text, status, concat_ws(' / ', weight_target, weight_mass, weight_monitoring) as weights, excellent_count::text,
            bottom_count::text, pass_score::text, good_score::text, respondent_group_weights::text as groups, mass_min_sample::text,
            report_due_day::text from public.assessment_years order by year`);
}

/** Every column a rule can set: the only names ever written into the statements below. */
const RULE_COLUMNS = [
  'status', 'weight_target', 'weight_mass', 'weight_monitoring', 'excellent_count', 'bottom_count', 'pass_score', 'good_score',
  'achievement_cap', 'mass_min_sample', 'report_due_day', 'cadre_lower_below', 'cadre_raise_from', 'respondent_group_weights',
] as const satisfies readonly (keyof YearRules)[];

/** Column names and SQL parameters of the rules given. */
function assignments(rules: YearRules): { names: string[]; values: unknown[]; cast: (column: string) => string } {
  const names = RULE_COLUMNS.filter((c) => rules[c] !== undefined);
  return {
    names,
    values: names.map((c) => (c === 'respondent_group_weights' ? JSON.stringify(rules[c]) : rules[c])),
    cast: (c) => (c === 'respondent_group_weights' ? '::text::jsonb' : ''),
  };
}

/** Creates a year (status planning unless given) with these rules and defaults for the others. */
export async function createYear(db: Db, year: number, rules: YearRules): Promise<void> {
  const { names, values, cast } = assignments(rules);
  await db.transaction((tx) => tx.query(
    `insert into public.assessment_years (year${names.map((c) => `, ${c}`).join('')})
     values ($1${names.map((c, i) => `, $${i + 2}${cast(c)}`).join('')})`,
    [year, ...values]));
}

/** Changes a year's rules; refused once its assessment is published. */
export async function updateYear(db: Db, year: number, rules: YearRules): Promise<void> {
  const { names, values, cast } = assignments(rules);
  await db.transaction(async (tx) => {
    if (names.length === 0) throw new UsageError('year set needs at least one rule to change.');
    const [y] = await tx.query<{ status: string }>(`select status from public.assessment_years where year = $1 for update`, [year]);
    if (!y) throw new UsageError(`${year} is not an assessment year: create it first.`);
    if (y.status === 'published') throw new UsageError(`The ${year} assessment is published: its rules can no longer change.`);
    await tx.query(`update public.assessment_years set ${names.map((c, i) => `${c} = $${i + 2}${cast(c)}`).join(', ')} where year = $1`,
      [year, ...values]);
  });
}
