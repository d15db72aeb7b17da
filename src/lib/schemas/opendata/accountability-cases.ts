/**
 * Dataset "accountability-cases": every published accountability case (追责问责) — its basis, measure,
 * summaries and dates. Who was held accountable is personnel data and never part of it.
 */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { AccountabilityBasisSchema, AccountabilityMeasureSchema } from '../../domain/accountability.ts';
import { DateSchema, IdSchema, InstantSchema, YearSchema } from './common.ts';

export const AccountabilityCaseRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year whose responsibility was not met'),
  case_no: column(z.string().regex(/^ZZ-\d{4}-\d{3}$/), '案件编号', 'Case number (ZZ-year opened-sequence)'),
  unit_code: column(z.string(), '单位代码', 'Code of the unit'),
  unit_name: column(z.string(), '单位', 'Unit'),
  unit_name_en: column(z.string().nullable(), '单位（英文）', 'Unit, in English'),
  basis_kind: column(AccountabilityBasisSchema, '问责依据', 'Basis: target (not met), supervision (finding) or assessment (annual result)'),
  target_id: column(IdSchema.nullable(), '目标ID', 'Id of the target not met (dataset targets)'),
  target_code: column(z.string().nullable(), '目标编号', 'Code of the target not met'),
  supervision_id: column(IdSchema.nullable(), '督查记录ID', 'Id of the supervision finding (dataset supervision-records)'),
  supervision_ref: column(z.string().nullable(), '督查编号', 'Reference number of the supervision finding'),
  assessment_version: column(z.number().int().positive().nullable(), '考核结果版本', 'Version of the published assessment result (dataset annual-assessments)'),
  opened_on: column(DateSchema, '立案日期', 'Date the case was opened'),
  summary: column(z.string(), '案情摘要', 'Summary of the case'),
  summary_en: column(z.string().nullable(), '案情摘要（英文）', 'Summary of the case, in English'),
  measure: column(AccountabilityMeasureSchema, '问责方式', 'Measure decided'),
  decided_on: column(DateSchema, '决定日期', 'Date of the decision'),
  decision_summary: column(z.string(), '决定摘要', 'Summary of the decision'),
  decision_summary_en: column(z.string().nullable(), '决定摘要（英文）', 'Summary of the decision, in English'),
  published_at: column(InstantSchema, '公开时间', 'When the case was published (ISO 8601, UTC)'),
});
export type AccountabilityCaseRow = z.output<typeof AccountabilityCaseRowSchema>;
