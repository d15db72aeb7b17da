/** Dataset "supervision-records": public findings of daily monitoring (日常监控). */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { SupervisionMethodSchema } from '../../domain/supervision.ts';
import { DateSchema, IdSchema, YearSchema } from './common.ts';

export const SupervisionRecordRowSchema = z.strictObject({
  id: column(IdSchema, '记录ID', 'Record id'),
  ref: column(z.string(), '督查编号', 'Reference number, unique within the year'),
  year: column(YearSchema, '考核年度', 'Assessment year'),
  unit_code: column(z.string(), '被督查单位代码', 'Code of the unit supervised'),
  unit_name: column(z.string(), '被督查单位', 'Unit supervised'),
  unit_name_en: column(z.string().nullable(), '被督查单位（英文）', 'Unit supervised, in English'),
  target_id: column(IdSchema.nullable(), '相关目标ID', 'Id of the target concerned'),
  target_code: column(z.string().nullable(), '相关目标编号', 'Code of the target concerned'),
  method: column(SupervisionMethodSchema, '督查方式', 'Method'),
  conducted_on: column(DateSchema, '督查日期', 'Date'),
  finding: column(z.string(), '督查情况', 'Finding'),
  finding_en: column(z.string().nullable(), '督查情况（英文）', 'Finding in English'),
  score_delta: column(z.number().min(-20).max(20), '日常监控加减分', 'Points added to or taken from the monitoring score'),
});
export type SupervisionRecordRow = z.output<typeof SupervisionRecordRowSchema>;
