/**
 * Target baselines (纵向 previous years, 横向 peer cities, 基准 functional benchmark), keyed by
 * year + target code + kind + baseline year + peer name.
 */
import { z } from 'zod';
import { decimal, integer, oneOf, optional, pattern, required, text } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { loadStored, syncRows, type SyncItem } from '../sync.ts';
import { BASELINE_KIND } from '../vocab.ts';
import { asJson, CODE_RE, TARGET_CODE_RE, targetKey, targetsByKey } from './refs.ts';

export const BASELINE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'year', zh: '年度', aliases: ['目标年度'], required: true, type: 'int', doc: 'The target\'s year.', example: '2026' },
  { key: 'unit_code', zh: '单位代码', required: false, type: 'code', doc: 'Optional check: when given, it must be the target\'s unit.', example: 'M001' },
  { key: 'target_code', zh: '目标编号', required: true, type: 'code', doc: 'Code of a stored target of that year.', example: '2026-M001-01' },
  { key: 'target_title', zh: '目标名称', required: false, type: 'text', infoOnly: true, doc: 'Written by export for reading; ignored by import.', example: '城镇新增就业达到8500人' },
  { key: 'kind', zh: '基数类型', aliases: ['比较类型', '类型'], required: true, type: 'enum', vocab: BASELINE_KIND,
    doc: 'vertical (纵向: the unit\'s own earlier year), horizontal (横向: a peer city) or benchmark (基准: what the unit\'s functions can reach; one per target).', example: 'vertical' },
  { key: 'baseline_year', zh: '基期年份', aliases: ['比较年份'], required: false, type: 'int', doc: 'Required for vertical baselines, empty otherwise.', example: '2025' },
  { key: 'peer_name', zh: '对标城市', aliases: ['对标对象', '比较对象'], required: false, type: 'text', doc: '1–80 characters; required for horizontal baselines, empty otherwise.', example: '' },
  { key: 'value', zh: '数值', aliases: ['基数', '基数值'], required: true, type: 'number', doc: 'A number in the indicator\'s measure.', example: '8200' },
  { key: 'note', zh: '备注', aliases: ['说明'], required: false, type: 'text', doc: 'Free text.', example: '' },
];

export const BaselineRowSchema = z.object({
  year: required(integer({ min: 2000, max: 2100 })),
  unit_code: optional(pattern(CODE_RE, 'unit code')),
  target_code: required(pattern(TARGET_CODE_RE, 'target code')),
  kind: required(oneOf(BASELINE_KIND)),
  baseline_year: optional(integer({ min: 2000, max: 2100 })),
  peer_name: optional(text({ min: 1, max: 80 })),
  value: required(decimal()),
  note: optional(text({ max: 4000 })),
});
export type BaselineRow = z.output<typeof BaselineRowSchema>;

const baselineKey = (targetId: number | string, kind: string, year: number | string | null | undefined, peer: string | null | undefined) =>
  `${targetId}|${kind}|${year ?? ''}|${peer ?? ''}`;

export const baselinesKind = defineKind<BaselineRow>({
  name: 'baselines',
  label: { zh: '目标基数', en: 'baselines' },
  keyDoc: 'year, target code, kind, baseline year and peer name',
  columns: BASELINE_COLUMNS,
  schema: BaselineRowSchema,
  keyColumn: 'target_code',
  key: (r) => `${targetKey(r.year, r.target_code)}|${r.kind}|${r.baseline_year ?? ''}|${r.peer_name ?? ''}`,
  yearScoped: true,
  async apply(tx, rows, ctx) {
    const targets = await targetsByKey(tx, rows.map((r) => ({ year: r.value.year, code: r.value.target_code })));
    const stored = await loadStored<{ id: number; target_id: string; kind: string; year: string | null; peer_name: string | null }>(
      tx,
      `select b.id, b.target_id::text as target_id, b.kind, b.year::text as year, b.peer_name,
              trim_scale(b.value)::text as value, b.note
       from public.target_baselines b
       where b.target_id = any (array(select jsonb_array_elements_text($1::text::jsonb)::bigint))`,
      [asJson([...new Set([...targets.values()].map((t) => t.id))])],
      (r) => baselineKey(r.target_id, r.kind, r.year, r.peer_name),
    );
    const items: SyncItem[] = [];
    for (const { row, value: v } of rows) {
      const target = targets.get(targetKey(v.year, v.target_code));
      if (!target) {
        ctx.error(row, 'target_code', `no target ${v.target_code} in ${v.year}`);
        ctx.tick();
        continue;
      }
      if (v.unit_code && v.unit_code !== target.unit_code) {
        ctx.error(row, 'unit_code', `target ${v.target_code} belongs to unit ${target.unit_code}, not ${v.unit_code}`);
        ctx.tick();
        continue;
      }
      items.push({
        row,
        existing: stored.get(baselineKey(target.id, v.kind, v.baseline_year, v.peer_name))?.[0],
        values: {
          target_id: String(target.id), kind: v.kind, year: v.baseline_year === undefined || v.baseline_year === null ? null : String(v.baseline_year),
          peer_name: v.peer_name ?? null, value: v.value, note: v.note,
        },
      });
    }
    await syncRows(tx, ctx, {
      table: 'public.target_baselines',
      errors: {
        fallback: 'target_code',
        columns: {
          vertical_baseline_names_its_year: 'baseline_year', horizontal_baseline_names_its_peer: 'peer_name',
          target_baselines_unique: 'kind', target_id: 'target_code', kind: 'kind', year: 'baseline_year',
          peer_name: 'peer_name', value: 'value', note: 'note',
        },
      },
    }, items);
  },
  exportRows: (q, year) => q.query(
    `select t.year::text as year, u.code as unit_code, t.code as target_code, t.title as target_title, b.kind,
            b.year::text as baseline_year, b.peer_name, trim_scale(b.value)::text as value, b.note
     from public.target_baselines b
     join public.targets t on t.id = b.target_id
     join public.units u on u.id = t.unit_id
     where t.year = $1
     order by u.sort_order, u.code, t.code, array_position(array['vertical', 'horizontal', 'benchmark'], b.kind), b.year, b.peer_name`,
    [year],
  ),
});
