/** Indicators (what a target measures), keyed by indicator code. */
import { z } from 'zod';
import { decimal, oneOf, optional, pattern, required, text } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { loadStored, syncRows } from '../sync.ts';
import { CATEGORY, DIRECTION, vocabAlternatives } from '../vocab.ts';
import { asJson, CODE_RE } from './refs.ts';

export const INDICATOR_COLUMNS: readonly ColumnSpec[] = [
  { key: 'code', zh: '指标代码', aliases: ['indicator_code', '代码', '编码'], required: true, type: 'code',
    doc: 'A capital letter, then 1–19 capital letters, digits or hyphens. The natural key.', example: 'PB-JOB' },
  { key: 'name', zh: '指标名称', aliases: ['名称'], required: true, type: 'text', doc: '2–80 characters.', example: '城镇新增就业' },
  { key: 'name_en', zh: '英文名称', required: false, type: 'text', doc: 'Free text.', example: 'New urban jobs' },
  { key: 'category', zh: '指标类别', aliases: ['类别', '分类'], required: true, type: 'enum', vocab: CATEGORY,
    doc: vocabAlternatives(CATEGORY) + '.',
    example: 'peoples_benefit' },
  { key: 'measure', zh: '计量单位', aliases: ['单位'], required: false, type: 'text',
    doc: 'Unit of measure, e.g. 人, %, 亿元; required unless the direction is qualitative.', example: '人' },
  { key: 'measure_en', zh: '英文计量单位', required: false, type: 'text', doc: 'Free text.', example: 'persons' },
  { key: 'direction', zh: '指标方向', aliases: ['方向', '评价方向'], required: true, type: 'enum', vocab: DIRECTION,
    doc: vocabAlternatives(DIRECTION) + '.', example: 'higher' },
  { key: 'max_value', zh: '最大值', aliases: ['上限', '上限值', 'max'], required: false, type: 'number',
    doc: 'The largest value a target or report may state: 100 for a rate (a share cannot pass 100 %); empty when more is possible (amounts, growth rates, investment completed against plan). Greater than 0; empty for qualitative tasks.',
    example: '' },
];

export const IndicatorRowSchema = z.object({
  code: required(pattern(CODE_RE, 'indicator code (a capital letter, then capitals, digits or hyphens)')),
  name: required(text({ min: 2, max: 80 })),
  name_en: optional(text({ max: 200 })),
  category: required(oneOf(CATEGORY)),
  measure: optional(text({ max: 40 })),
  measure_en: optional(text({ max: 80 })),
  direction: required(oneOf(DIRECTION)),
  max_value: optional(decimal({ percent: true })),
});
export type IndicatorRow = z.output<typeof IndicatorRowSchema>;

export const indicatorsKind = defineKind<IndicatorRow>({
  name: 'indicators',
  label: { zh: '指标', en: 'indicators' },
  keyDoc: 'indicator code',
  columns: INDICATOR_COLUMNS,
  schema: IndicatorRowSchema,
  keyColumn: 'code',
  key: (r) => r.code,
  yearScoped: false,
  async apply(tx, rows, ctx) {
    const stored = await loadStored<{ id: number; code: string }>(
      tx,
      `select id, code, name, name_en, category, measure, measure_en, direction, trim_scale(max_value)::text as max_value
       from public.indicators where code = any (array(select jsonb_array_elements_text($1::text::jsonb)))`,
      [asJson(rows.map((r) => r.value.code))],
      (r) => r.code,
    );
    await syncRows(tx, ctx, {
      table: 'public.indicators',
      errors: {
        fallback: 'code',
        columns: {
          quantitative_indicator_has_measure: 'measure', code: 'code', name: 'name', name_en: 'name_en',
          category: 'category', measure: 'measure', measure_en: 'measure_en', direction: 'direction',
          max_value: 'max_value', indicator_max_value_positive: 'max_value', qualitative_indicator_has_no_max: 'max_value',
          indicator_max_value_covers_stored_values: 'max_value',
        },
      },
    }, rows.map(({ row, value: v }) => ({ row, existing: stored.get(v.code)?.[0], values: { ...v } })));
  },
  exportRows: (q) => q.query(
    `select code, name, name_en, category, measure, measure_en, direction, trim_scale(max_value)::text as max_value
     from public.indicators order by code`,
  ),
});
