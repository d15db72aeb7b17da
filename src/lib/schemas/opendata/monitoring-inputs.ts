/**
 * Dataset "monitoring-inputs": everything that moves each unit's daily monitoring score, per
 * method — the public findings (listed one by one in supervision-records) and the findings that are
 * not public, as a count and a summed score change. base + every delta, clamped to 0–100, is the
 * published monitoring score.
 */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { SupervisionMethodSchema } from '../../domain/supervision.ts';
import { YearSchema } from './common.ts';

export const MonitoringInputRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year'),
  version: column(z.number().int().min(1), '版本', 'Assessment version in force (the findings it counted)'),
  unit_code: column(z.string(), '单位代码', 'Unit code'),
  method: column(SupervisionMethodSchema, '督查方式', 'Method'),
  is_public: column(z.boolean(), '是否公开', 'Public findings (each one in supervision-records) or findings not made public'),
  findings: column(z.number().int().positive(), '督查记录数', 'Number of findings'),
  score_delta: column(z.number(), '加减分合计', 'Sum of their score changes'),
});
export type MonitoringInputRow = z.output<typeof MonitoringInputRowSchema>;
