/** Dataset "units": the assessed units of a year, with their principal leader and target counts. */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { UnitKindSchema } from '../../domain/units.ts';
import { YearSchema } from './common.ts';

export const UnitRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year'),
  code: column(z.string(), '单位代码', 'Unit code'),
  name: column(z.string(), '单位名称', 'Unit name'),
  name_en: column(z.string().nullable(), '单位英文名称', 'Unit name in English'),
  kind: column(UnitKindSchema, '单位类型：municipal_unit 市直单位，district 区市', 'Kind of unit: municipal_unit or district (each ranks in its own pool)'),
  sector: column(z.string(), '所属领域', 'Sector'),
  principal_leader: column(z.string().nullable(), '主要负责人姓名', 'Name of the principal leader'),
  principal_leader_title: column(z.string().nullable(), '主要负责人职务', "Principal leader's post"),
  principal_leader_title_en: column(z.string().nullable(), '主要负责人职务（英文）', "Principal leader's post in English"),
  targets: column(z.number().int().nonnegative(), '本年度公开目标数（含分解目标）', 'Published targets of the year, sub-targets included'),
  public_commitments: column(z.number().int().nonnegative(), '其中公开承诺数', 'Of which public commitments'),
  points: column(z.number().nonnegative(), '一级目标分值合计', 'Points of the top-level targets'),
});
export type UnitRow = z.output<typeof UnitRowSchema>;

/** A post in a unit's leadership (not a dataset: listed in units/<code>.json). */
export const CadreRowSchema = z.strictObject({
  unit_code: z.string(),
  name: z.string(),
  title: z.string(),
  title_en: z.string().nullable(),
  is_principal: z.boolean(),
});
export type CadreRow = z.output<typeof CadreRowSchema>;
