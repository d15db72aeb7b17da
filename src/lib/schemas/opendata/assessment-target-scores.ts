/**
 * Dataset "assessment-target-scores": how every published target scored in the assessment version
 * in force — the inputs of each unit's target score. Achievements are rounded to 2 decimals, and
 * everything computed from them (a parent's roll-up, the unit's target score) is computed from the
 * rounded values, so a re-user's sums match the published ones exactly.
 */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { ScoreBasisSchema } from '../../domain/assessment.ts';
import { ProgressStatusSchema } from '../../domain/progress.ts';
import { YearSchema } from './common.ts';

export const AssessmentTargetScoreRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year'),
  version: column(z.number().int().min(1), '版本', 'Assessment version in force'),
  unit_code: column(z.string(), '单位代码', 'Unit code'),
  target_code: column(z.string(), '目标编号', 'Target code'),
  parent_code: column(z.string().nullable(), '上级目标编号', 'Code of the target it is a sub-target of (empty: a top-level target)'),
  final_status: column(ProgressStatusSchema, '年终状态', 'Status at the end of the year (rolled up from sub-targets when decomposed)'),
  basis: column(ScoreBasisSchema, '计分方式', 'quantitative: actual against target value (capped); qualitative: points by final status; rollup: its sub-targets weighted by their points'),
  achievement: column(z.number(), '完成度得分', 'Achievement, 0–100 (a quantitative target up to the year\'s cap × 100)'),
  points: column(z.number(), '分值', 'Points of the target (a sub-target\'s points are its share of its parent)'),
  points_lost: column(z.number(), '失分', 'Points lost: points × (1 − min(achievement, 100) / 100)'),
});
export type AssessmentTargetScoreRow = z.output<typeof AssessmentTargetScoreRowSchema>;
