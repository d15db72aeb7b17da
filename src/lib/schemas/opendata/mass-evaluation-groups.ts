/**
 * Dataset "mass-evaluation-groups": each unit's mass evaluation by respondent group, in the
 * assessment version in force — responses, mean and standard deviation of the 0–100 scores, the
 * group's weight and whether it counted (and why not). The unit's mass score and margin are computed
 * from these rounded values, so they can be recomputed from this file and the year's rules.
 */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { YearSchema } from './common.ts';

export const MassEvaluationGroupRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year'),
  version: column(z.number().int().min(1), '版本', 'Assessment version in force'),
  unit_code: column(z.string(), '单位代码', 'Unit code'),
  respondent_group: column(z.string(), '测评群体', 'Respondent group'),
  responses: column(z.number().int().nonnegative(), '有效问卷', 'Panel responses'),
  mean: column(z.number(), '平均分（0–100）', 'Mean score, 0–100 (a rating r of 1–5 scores (r − 1) × 25)'),
  sd: column(z.number(), '标准差', 'Sample standard deviation of the scores (0 for a single response)'),
  weight: column(z.number(), '群体权重', 'Weight of the group (assessment-rules: respondent_group_weights)'),
  included: column(z.boolean(), '是否计入', 'Whether the group counts in the mass score'),
  excluded_because: column(z.string().nullable(), '不计入原因', 'Why it does not count (too few responses, or not a weighted group)'),
});
export type MassEvaluationGroupRow = z.output<typeof MassEvaluationGroupRowSchema>;
