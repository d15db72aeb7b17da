/**
 * The annual assessment: a year's state, each unit's grade and its consequence, how a target was
 * scored, and the cadre evaluations that follow from the unit's result (personnel data).
 */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** assessment_years.status: publishing is done by `assess publish`, never set by hand. */
export const ASSESSMENT_YEAR_STATUSES = ['planning', 'active', 'closed', 'published'] as const;
export const AssessmentYearStatusSchema = z.enum(ASSESSMENT_YEAR_STATUSES);
export type AssessmentYearStatus = z.output<typeof AssessmentYearStatusSchema>;

/** annual_assessments.grade (等次), private.cadre_evaluations.unit_grade. */
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export const GradeSchema = z.enum(GRADES);
export type Grade = z.output<typeof GradeSchema>;

export const GRADE = {
  name: 'grade',
  codes: GRADES,
  labels: {
    excellent: { 'zh-CN': '优秀', en: 'Excellent' },
    good: { 'zh-CN': '良好', en: 'Good' },
    pass: { 'zh-CN': '合格', en: 'Pass' },
    fail: { 'zh-CN': '不合格', en: 'Fail' },
  },
  // The cadre-evaluation file writes them in lower case.
  sheet: {
    excellent: { en: 'excellent' },
    good: { en: 'good' },
    pass: { en: 'pass' },
    fail: { en: 'fail' },
  },
} as const satisfies Enumeration<Grade>;

/** annual_assessments.consequence (结果运用), private.cadre_evaluations.unit_consequence. */
export const CONSEQUENCES = ['none', 'award', 'admonishment', 'suspension_or_demotion'] as const;
export const ConsequenceSchema = z.enum(CONSEQUENCES);
export type Consequence = z.output<typeof ConsequenceSchema>;

export const CONSEQUENCE = {
  name: 'consequence',
  codes: CONSEQUENCES,
  labels: {
    none: { 'zh-CN': '—', en: '—' },
    award: { 'zh-CN': '评为优秀单位，给予奖励', en: 'Excellent unit, award' },
    admonishment: { 'zh-CN': '主要负责人诫勉', en: 'Principal leader admonished' },
    suspension_or_demotion: { 'zh-CN': '主要负责人待岗或降职', en: 'Principal leader suspended or demoted' },
  },
  // The cadre-evaluation file names the consequence itself, not what it means for the unit.
  sheet: {
    none: { zh: '无', en: 'none' },
    award: { zh: '奖励', en: 'award' },
    admonishment: { zh: '诫勉', en: 'admonishment' },
    suspension_or_demotion: { zh: '待岗或降职', en: 'suspension or demotion' },
  },
} as const satisfies Enumeration<Consequence>;

/** assessment_target_scores.basis: how a target's achievement was scored. */
export const SCORE_BASES = ['quantitative', 'qualitative', 'rollup'] as const;
export const ScoreBasisSchema = z.enum(SCORE_BASES);
export type ScoreBasis = z.output<typeof ScoreBasisSchema>;

/** private.cadre_evaluations.rating and unit_rating: a city-managed cadre's rating. */
export const CADRE_RATINGS = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
export type CadreRating = (typeof CADRE_RATINGS)[number];

export const CADRE_RATING = {
  name: 'rating',
  codes: CADRE_RATINGS,
  labels: {
    excellent: { 'zh-CN': '优秀', en: 'excellent' },
    competent: { 'zh-CN': '称职', en: 'competent' },
    basically_competent: { 'zh-CN': '基本称职', en: 'basically competent' },
    incompetent: { 'zh-CN': '不称职', en: 'incompetent' },
  },
} as const satisfies Enumeration<CadreRating>;

/** private.cadre_evaluations.rule_applied: how the cadre's rating follows from the unit's. */
export const CADRE_RATING_RULES = ['principal', 'no_own_targets', 'follows_unit', 'lowered', 'raised'] as const;
export type CadreRatingRule = (typeof CADRE_RATING_RULES)[number];

export const CADRE_RATING_RULE = {
  name: 'rule applied',
  codes: CADRE_RATING_RULES,
  labels: {
    principal: { 'zh-CN': '主要负责人，随单位', en: 'principal leader' },
    no_own_targets: { 'zh-CN': '无本人目标，随单位', en: 'no own targets' },
    follows_unit: { 'zh-CN': '随单位', en: 'follows the unit' },
    lowered: { 'zh-CN': '降一档', en: 'lowered one step' },
    raised: { 'zh-CN': '升一档', en: 'raised one step' },
  },
} as const satisfies Enumeration<CadreRatingRule>;
