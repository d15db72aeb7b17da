/**
 * Dataset "leader-reports": every city-managed cadre's half-year report to the city leader in
 * charge, on time or late, and each half year past its due date without a published report.
 */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { LeaderReportStatusSchema } from '../../domain/leader-reports.ts';
import { DateSchema, IdSchema, InstantSchema, YearSchema } from './common.ts';

export const LeaderReportRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year'),
  period: column(z.string().regex(/^\d{4}-H[12]$/), '半年度', 'Half year: YYYY-H1 (January–June) or YYYY-H2 (July–December)'),
  unit_code: column(z.string(), '单位代码', 'Unit code'),
  unit_name: column(z.string(), '单位', 'Unit'),
  unit_name_en: column(z.string().nullable(), '单位（英文）', 'Unit, in English'),
  cadre_name: column(z.string(), '领导姓名', 'Leader'),
  cadre_title: column(z.string(), '职务', 'Post'),
  cadre_title_en: column(z.string().nullable(), '职务（英文）', 'Post, in English'),
  is_principal: column(z.boolean(), '是否主要负责人', 'Whether the leader is the unit\'s principal leader'),
  due_on: column(DateSchema, '应报日期', 'Due by: 31 July for H1, 31 January of the next year for H2'),
  status: column(LeaderReportStatusSchema, '报送情况', 'on_time, late, or not_submitted (past the due date with no published report)'),
  days_late: column(z.number().int().nonnegative().nullable(), '逾期天数', 'Days submitted after the due date (0 when on time; empty when not submitted)'),
  report_id: column(IdSchema.nullable(), '报告ID', 'Report id (empty when not submitted)'),
  submitted_on: column(DateSchema.nullable(), '报送日期', 'Date submitted'),
  reported_to: column(z.string().nullable(), '报告对象', 'City leader in charge reported to'),
  reported_to_en: column(z.string().nullable(), '报告对象（英文）', 'City leader reported to, in English'),
  summary: column(z.string().nullable(), '报告摘要', 'Public summary of the report'),
  summary_en: column(z.string().nullable(), '报告摘要（英文）', 'Summary in English'),
  published_at: column(InstantSchema.nullable(), '公开时间', 'When the report was made public (ISO 8601, UTC)'),
});
export type LeaderReportRow = z.output<typeof LeaderReportRowSchema>;
