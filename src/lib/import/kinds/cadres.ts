/** Cadres by post, keyed by unit code + name. */
import { z } from 'zod';
import { bool, integer, optional, pattern, required, text } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { loadStored, syncRows, type SyncItem } from '../sync.ts';
import { CODE_RE, unitsByCode, unknown } from './refs.ts';

export const CADRE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'unit_code', zh: '单位代码', required: true, type: 'code', doc: 'Code of a stored unit.', example: 'M001' },
  { key: 'unit_name', zh: '单位名称', required: false, type: 'text', infoOnly: true, doc: 'Written by export for reading; ignored by import.', example: '市发展和改革委员会' },
  { key: 'name', zh: '姓名', aliases: ['cadre_name'], required: true, type: 'text',
    doc: '2–40 characters. With the unit code, the natural key: a stored cadre of that unit with this name is updated.', example: '王建国' },
  { key: 'title', zh: '职务', aliases: ['岗位'], required: true, type: 'text', doc: '2–80 characters.', example: '主要负责人' },
  { key: 'title_en', zh: '英文职务', required: false, type: 'text', doc: 'Free text.', example: 'Principal leader' },
  { key: 'is_principal', zh: '是否主要负责人', aliases: ['主要负责人', 'principal'], required: false, type: 'boolean',
    doc: '是/否 (true/false); at most one principal leader per unit (empty: 否).', example: 'true' },
  { key: 'sort_order', zh: '排序', aliases: ['序号'], required: false, type: 'int', doc: 'A whole number (empty: 0).', example: '1' },
];

export const CadreRowSchema = z.object({
  unit_code: required(pattern(CODE_RE, 'unit code')),
  name: required(text({ min: 2, max: 40 })),
  title: required(text({ min: 2, max: 80 })),
  title_en: optional(text({ max: 160 })),
  is_principal: optional(bool),
  sort_order: optional(integer({ min: -2147483648, max: 2147483647 })),
});
export type CadreRow = z.output<typeof CadreRowSchema>;

export const cadresKind = defineKind<CadreRow>({
  name: 'cadres',
  label: { zh: '干部', en: 'cadres' },
  keyDoc: 'unit code and name',
  columns: CADRE_COLUMNS,
  schema: CadreRowSchema,
  keyColumn: 'name',
  key: (r) => `${r.unit_code}|${r.name}`,
  yearScoped: false,
  async apply(tx, rows, ctx) {
    const units = await unitsByCode(tx);
    const stored = await loadStored<{ id: number; unit_code: string; name: string }>(
      tx,
      `select c.id, u.code as unit_code, c.unit_id::text as unit_id, c.name, c.title, c.title_en,
              c.is_principal::text as is_principal, c.sort_order::text as sort_order
       from public.cadres c join public.units u on u.id = c.unit_id`,
      [],
      (r) => `${r.unit_code}|${r.name}`,
    );
    const items: SyncItem[] = [];
    for (const { row, value: v } of rows) {
      const unit = units.get(v.unit_code);
      if (!unit) {
        ctx.error(row, 'unit_code', unknown('unit code', v.unit_code, units.keys()));
        ctx.tick();
        continue;
      }
      const matches = stored.get(`${v.unit_code}|${v.name}`) ?? [];
      if (matches.length > 1) {
        ctx.error(row, 'name', `${matches.length} cadres of unit ${v.unit_code} are named ${v.name}; the file cannot tell which one this row means`);
        ctx.tick();
        continue;
      }
      items.push({
        row,
        existing: matches[0],
        values: {
          unit_id: String(unit.id), name: v.name, title: v.title, title_en: v.title_en,
          is_principal: v.is_principal === undefined ? undefined : (v.is_principal ?? 'false'),
          sort_order: v.sort_order === undefined ? undefined : String(v.sort_order ?? 0),
        },
      });
    }
    // A unit has one principal leader: step the old one down before the new one steps up.
    items.sort((a, b) => Number(a.values['is_principal'] === 'true') - Number(b.values['is_principal'] === 'true'));
    await syncRows(tx, ctx, {
      table: 'public.cadres',
      booleans: ['is_principal'],
      errors: {
        fallback: 'name',
        columns: {
          cadres_one_principal_per_unit: 'is_principal', unit_id: 'unit_code', name: 'name', title: 'title',
          title_en: 'title_en', is_principal: 'is_principal', sort_order: 'sort_order',
        },
      },
    }, items);
  },
  exportRows: (q) => q.query(
    `select u.code as unit_code, u.name as unit_name, c.name, c.title, c.title_en,
            c.is_principal::text as is_principal, c.sort_order::text as sort_order
     from public.cadres c join public.units u on u.id = c.unit_id
     order by u.sort_order, u.code, c.sort_order, c.id`,
  ),
});
