/** Dataset "bulletins": published bulletins (通报), errata included; bodies in Markdown. */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { BulletinKindSchema } from '../../domain/bulletins.ts';
import { IdSchema, InstantSchema, YearSchema } from './common.ts';

export const BulletinRowSchema = z.strictObject({
  id: column(IdSchema, '通报ID', 'Bulletin id'),
  slug: column(z.string(), '通报标识（网址中使用）', 'Slug, as in the bulletin\'s address'),
  kind: column(BulletinKindSchema, '类型：monthly 月度，quarterly 季度，semiannual 半年，annual 年度', 'Kind: monthly, quarterly, semiannual or annual'),
  period: column(z.string(), '期间：YYYY-MM、YYYY-Qn、YYYY-H1/H2 或 YYYY', 'Period: YYYY-MM, YYYY-Qn, YYYY-H1/H2 or YYYY'),
  year: column(YearSchema, '所属年度', 'Year of the period'),
  title: column(z.string(), '标题', 'Title'),
  title_en: column(z.string().nullable(), '标题（英文）', 'Title in English'),
  summary: column(z.string(), '摘要', 'Summary'),
  summary_en: column(z.string().nullable(), '摘要（英文）', 'Summary in English'),
  body: column(z.string(), '正文（Markdown）', 'Body (Markdown)'),
  body_en: column(z.string().nullable(), '正文（英文，Markdown）', 'Body in English (Markdown)'),
  published_at: column(InstantSchema, '发布时间（UTC）', 'When it was published (UTC)'),
  cutoff_at: column(
    InstantSchema,
    '数据截止时间（UTC）：通报数字只计入此时间之前报送的进展报告（见逐月进展报告数据集的 reported_at）',
    'Cut-off (UTC): the figures count only the progress reports filed before it (reported_at in progress-reports)',
  ),
  supersedes_slug: column(z.string().nullable(), '本通报更正的通报', 'Slug of the bulletin this erratum corrects'),
  superseded_by_slug: column(z.string().nullable(), '更正本通报的通报', 'Slug of the erratum that corrects this bulletin'),
  correction_reason: column(z.string().nullable(), '更正原因', 'Reason for the correction'),
});
export type BulletinRow = z.output<typeof BulletinRowSchema>;
