/** Dataset "targets": every published target of a year with its responsibility chain and current status. */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { CategorySchema, DirectionSchema } from '../../domain/indicators.ts';
import { ProgressStatusSchema } from '../../domain/progress.ts';
import { BaselineKindSchema } from '../../domain/targets.ts';
import { DateSchema, IdSchema, InstantSchema, MonthSchema, YearSchema } from './common.ts';

export const TargetRowSchema = z.strictObject({
  id: column(IdSchema, '目标ID（本站链接和API使用）', 'Target id (used in links and the API)'),
  code: column(z.string(), '目标编号', 'Target code, unique within the year'),
  year: column(YearSchema, '考核年度', 'Assessment year'),
  unit_code: column(z.string(), '责任单位代码', 'Code of the responsible unit'),
  unit_name: column(z.string(), '责任单位', 'Responsible unit'),
  unit_name_en: column(z.string().nullable(), '责任单位（英文）', 'Responsible unit in English'),
  parent_id: column(IdSchema.nullable(), '上级目标ID（逐级分解）', 'Id of the parent target this one is decomposed from'),
  parent_code: column(z.string().nullable(), '上级目标编号', 'Code of the parent target'),
  indicator_code: column(z.string(), '指标代码', 'Indicator code'),
  indicator_name: column(z.string(), '指标名称', 'Indicator'),
  indicator_name_en: column(z.string().nullable(), '指标名称（英文）', 'Indicator in English'),
  category: column(CategorySchema, '指标类别', 'Indicator category'),
  direction: column(DirectionSchema, '指标方向：higher 越高越好，lower 越低越好，qualitative 定性任务', 'Direction: higher or lower is better, or a qualitative task'),
  measure: column(z.string().nullable(), '计量单位', 'Unit of measure'),
  measure_en: column(z.string().nullable(), '计量单位（英文）', 'Unit of measure in English'),
  title: column(z.string(), '目标', 'Target'),
  title_en: column(z.string().nullable(), '目标（英文）', 'Target in English'),
  description: column(z.string().nullable(), '目标说明', 'Description'),
  target_value: column(z.number().nullable(), '目标值（定性任务为空）', 'Target value (empty for qualitative tasks)'),
  weight: column(z.number().positive(), '分值', 'Points in the unit\'s target assessment'),
  deadline: column(DateSchema, '完成时限', 'Deadline'),
  quality_requirement: column(z.string().nullable(), '质量要求', 'Quality requirement'),
  is_public_commitment: column(z.boolean(), '是否向社会公开承诺', 'Whether the target is a public commitment (目标承诺)'),
  commitment_text: column(z.string().nullable(), '承诺内容', 'Text of the commitment'),
  responsible_leader: column(z.string().nullable(), '责任领导', 'Responsible leader'),
  responsible_leader_title: column(z.string().nullable(), '责任领导职务', "Responsible leader's post"),
  responsible_leader_title_en: column(z.string().nullable(), '责任领导职务（英文）', "Responsible leader's post in English"),
  responsible_department: column(z.string(), '责任部门', 'Responsible department'),
  responsible_person: column(z.string(), '责任人', 'Responsible person'),
  status: column(ProgressStatusSchema, '最新状态（最近一期有效报告；已分解的目标由其末级目标汇总：全部完成才为完成，任一未完成或滞后即为未完成或滞后，均未报告为未报告，否则为正常推进）',
    'Latest status, from the latest report in force; a decomposed target (one that is some target\'s parent_id) rolls up from its leaves: completed only when all are, not completed or behind when any is, no report when none has reported, on track otherwise'),
  status_period: column(MonthSchema.nullable(), '最新状态所属月份（已分解的目标为其末级目标最近报告的月份）', 'Month of that report (for a decomposed target, the latest month any of its leaves reported)'),
  progress_pct: column(z.number().min(0).max(100).nullable(), '最新进度（%；已分解的目标为末级目标进度按分值占比逐级加权，保留一位小数）', 'Latest progress, per cent (for a decomposed target, its leaves\' progress weighted by their points\' shares at each level, one decimal)'),
  published_at: column(InstantSchema, '目标公布时间（UTC）', 'When the target was published (UTC)'),
});
export type TargetRow = z.output<typeof TargetRowSchema>;

/** Dataset "target-baselines": what each target was set against (纵向, 横向, 基准). */
export const TargetBaselineRowSchema = z.strictObject({
  target_id: column(IdSchema, '目标ID', 'Target id'),
  target_code: column(z.string(), '目标编号', 'Target code'),
  year: column(YearSchema, '目标所属年度', 'Year of the target'),
  kind: column(BaselineKindSchema, '比较类型：vertical 本单位历年，horizontal 同类城市，benchmark 职能基准', 'Comparison: vertical (own past years), horizontal (peer city) or benchmark'),
  baseline_year: column(YearSchema.nullable(), '历年实际所属年度', 'Year of a vertical baseline'),
  peer_name: column(z.string().nullable(), '比较城市', 'Peer city of a horizontal baseline'),
  value: column(z.number(), '数值', 'Value'),
  note: column(z.string().nullable(), '备注', 'Note'),
});
export type TargetBaselineRow = z.output<typeof TargetBaselineRowSchema>;
