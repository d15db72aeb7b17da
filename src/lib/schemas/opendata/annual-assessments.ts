/** Dataset "annual-assessments": each unit's published annual result (the version in force). */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { ConsequenceSchema, GradeSchema } from '../../domain/assessment.ts';
import { UnitKindSchema } from '../../domain/units.ts';
import { YearSchema } from './common.ts';

export const AnnualAssessmentRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year'),
  version: column(z.number().int().min(1), '版本', 'Version of the assessment (a correction is a new version; the annual results list the version in force)'),
  published_at: column(z.string(), '发布时间', 'Published at (UTC)'),
  correction_reason: column(z.string().nullable(), '更正原因', 'Why this version corrects the previous one'),
  unit_code: column(z.string(), '单位代码', 'Unit code'),
  unit_name: column(z.string(), '单位', 'Unit'),
  unit_name_en: column(z.string().nullable(), '单位（英文）', 'Unit in English'),
  pool: column(UnitKindSchema, '排名组别', 'Ranking pool'),
  target_score: column(z.number(), '目标考核得分', 'Target assessment score'),
  mass_score: column(z.number().nullable(), '群众测评得分', 'Mass evaluation score (empty when no group reached the minimum sample)'),
  mass_margin: column(z.number().nullable(), '群众测评误差（95%）', 'Mass evaluation margin of error (95%)'),
  mass_sample_size: column(z.number().int(), '群众测评样本', 'Mass evaluation responses counted'),
  open_score: column(z.number().nullable(), '公开调查得分（不计入；仅已验证答卷）', 'Open survey score (public sentiment, not counted; confirmed contacts only)'),
  open_sample_size: column(z.number().int(), '公开调查样本', 'Open survey responses'),
  monitoring_score: column(z.number(), '日常监控得分', 'Daily monitoring score'),
  total_score: column(z.number(), '总分', 'Total'),
  rank_in_pool: column(z.number().int(), '组内名次', 'Rank in pool'),
  pool_size: column(z.number().int(), '组内单位数', 'Units in pool'),
  grade: column(GradeSchema, '等次', 'Grade'),
  consequence: column(ConsequenceSchema, '结果运用', 'Consequence'),
});
export type AnnualAssessmentRow = z.output<typeof AnnualAssessmentRowSchema>;
