/** Units (市直单位 and 区市), keyed by unit code. */
import { z } from 'zod';
import { integer, oneOf, optional, pattern, required, text } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { loadStored, syncRows } from '../sync.ts';
import { SECTOR, UNIT_KIND, vocabAlternatives } from '../vocab.ts';
import { asJson, CODE_RE } from './refs.ts';

export const UNIT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'code', zh: '单位代码', aliases: ['unit_code', '代码', '编码'], required: true, type: 'code',
    doc: 'A capital letter, then 1–19 capital letters, digits or hyphens. The natural key: a stored unit with this code is updated.', example: 'M001' },
  { key: 'name', zh: '单位名称', aliases: ['名称', 'unit_name'], required: true, type: 'text', doc: '2–80 characters.', example: '市发展和改革委员会' },
  { key: 'name_en', zh: '英文名称', required: false, type: 'text', doc: '2–160 characters.', example: 'Municipal Development and Reform Commission' },
  { key: 'kind', zh: '单位类型', aliases: ['类型', '类别'], required: true, type: 'enum', vocab: UNIT_KIND,
    doc: vocabAlternatives(UNIT_KIND) + '; units and districts rank in separate pools.', example: 'municipal_unit' },
  { key: 'sector', zh: '行业领域', aliases: ['领域', '行业', '板块'], required: true, type: 'enum', vocab: SECTOR,
    doc: 'A lower-case sector code (2–40 letters or underscores) or a known sector name, e.g. economy (经济发展), core_urban (中心城区).', example: 'economy' },
  { key: 'sort_order', zh: '排序', aliases: ['序号', '排序号'], required: false, type: 'int', doc: 'A whole number: the order in lists (empty: 0).', example: '1' },
];

export const UnitRowSchema = z.object({
  code: required(pattern(CODE_RE, 'unit code (a capital letter, then capitals, digits or hyphens)')),
  name: required(text({ min: 2, max: 80 })),
  name_en: optional(text({ min: 2, max: 160 })),
  kind: required(oneOf(UNIT_KIND)),
  sector: required(oneOf(SECTOR)),
  sort_order: optional(integer({ min: -2147483648, max: 2147483647 })),
});
export type UnitRow = z.output<typeof UnitRowSchema>;

export const unitsKind = defineKind<UnitRow>({
  name: 'units',
  label: { zh: '单位', en: 'units' },
  keyDoc: 'unit code',
  columns: UNIT_COLUMNS,
  schema: UnitRowSchema,
  keyColumn: 'code',
  key: (r) => r.code,
  yearScoped: false,
  async apply(tx, rows, ctx) {
    const stored = await loadStored<{ id: number; code: string }>(
      tx,
      `select id, code, name, name_en, kind, sector, sort_order::text as sort_order
       from public.units where code = any (array(select jsonb_array_elements_text($1::text::jsonb)))`,
      [asJson(rows.map((r) => r.value.code))],
      (r) => r.code,
    );
    await syncRows(tx, ctx, {
      table: 'public.units',
      errors: { fallback: 'code', columns: { code: 'code', name: 'name', name_en: 'name_en', kind: 'kind', sector: 'sector', sort_order: 'sort_order' } },
    }, rows.map(({ row, value: v }) => ({
      row,
      existing: stored.get(v.code)?.[0],
      values: {
        code: v.code, name: v.name, name_en: v.name_en, kind: v.kind, sector: v.sector,
        sort_order: v.sort_order === undefined ? undefined : String(v.sort_order ?? 0),
      },
    })));
  },
  exportRows: (q) => q.query(
    `select code, name, name_en, kind, sector, sort_order::text as sort_order from public.units order by sort_order, code`,
  ),
});
