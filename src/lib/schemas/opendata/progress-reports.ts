/** Dataset "progress-reports": every monthly report on a published target, corrections included. */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { ReportStatusSchema } from '../../domain/progress.ts';
import { DateSchema, IdSchema, InstantSchema, MonthSchema, YearSchema } from './common.ts';

export const ProgressReportRowSchema = z.strictObject({
  id: column(IdSchema, '报告ID', 'Report id'),
  target_id: column(IdSchema, '目标ID', 'Target id'),
  target_code: column(z.string(), '目标编号', 'Target code'),
  unit_code: column(z.string(), '责任单位代码', 'Code of the responsible unit'),
  year: column(YearSchema, '考核年度', 'Assessment year'),
  period: column(MonthSchema, '报告月份', 'Month reported on'),
  status: column(ReportStatusSchema, '状态', 'Status'),
  actual_value: column(z.number().nullable(), '实际值', 'Actual value'),
  progress_pct: column(z.number().min(0).max(100).nullable(), '进度（%）', 'Progress, per cent'),
  result_text: column(z.string().nullable(), '完成结果（已完成时）', 'Result (when completed)'),
  progress_text: column(z.string().nullable(), '进展情况（推进中时）', 'Progress made (when on track)'),
  reasons_text: column(z.string().nullable(), '未完成原因（滞后或未完成时）', 'Reasons (when behind or not completed)'),
  remedy_text: column(z.string().nullable(), '整改措施（滞后或未完成时）', 'Remedy (when behind or not completed)'),
  supersedes_id: column(IdSchema.nullable(), '本报告更正的报告ID', 'Id of the report this one corrects'),
  correction_reason: column(z.string().nullable(), '更正原因', 'Reason for the correction'),
  superseded_by_id: column(IdSchema.nullable(), '更正本报告的报告ID', 'Id of the report that corrects this one'),
  in_force: column(z.boolean(), '是否有效（未被更正）', 'Whether the report is in force (not corrected)'),
  reported_at: column(InstantSchema, '报送时间（UTC）', 'When it was filed (UTC)'),
  due_on: column(DateSchema, '报送期限', 'Due date'),
  is_late: column(z.boolean(), '是否逾期报送', 'Whether it was filed after the due date'),
});
export type ProgressReportRow = z.output<typeof ProgressReportRowSchema>;
