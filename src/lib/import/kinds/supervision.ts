/** Supervision records (日常监控), keyed by year + reference number (督查编号). */
import { z } from 'zod';
import { bool, date, decimal, integer, oneOf, optional, pattern, required, text } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { loadStored, syncRows, type SyncItem } from '../sync.ts';
import { METHOD, vocabAlternatives } from '../vocab.ts';
import { assessmentYears, asJson, CODE_RE, TARGET_CODE_RE, targetKey, targetsByKey, unitsByCode, unknown } from './refs.ts';

export const SUPERVISION_COLUMNS: readonly ColumnSpec[] = [
  { key: 'year', zh: '年度', aliases: ['考核年度'], required: true, type: 'int', doc: 'The assessment year the finding counts for.', example: '2026' },
  { key: 'ref', zh: '督查编号', aliases: ['编号', '记录编号'], required: true, type: 'code',
    doc: 'Reference number, unique within the year: a letter or digit, then up to 39 letters, digits, dots, slashes, underscores or hyphens. With the year, the natural key. Records made elsewhere are numbered S<id>.', example: 'DC-2026-001' },
  { key: 'unit_code', zh: '单位代码', aliases: ['被督查单位代码'], required: true, type: 'code', doc: 'Code of a stored unit.', example: 'M001' },
  { key: 'unit_name', zh: '单位名称', required: false, type: 'text', infoOnly: true, doc: 'Written by export for reading; ignored by import.', example: '市发展和改革委员会' },
  { key: 'target_code', zh: '目标编号', required: false, type: 'code', doc: 'Optional: a target of the same year and unit that the finding concerns, published before the finding\'s date.', example: '2026-M001-01' },
  { key: 'method', zh: '督查方式', aliases: ['监控方式', '方式'], required: true, type: 'enum', vocab: METHOD,
    doc: vocabAlternatives(METHOD) + '.',
    example: 'covert_visit' },
  { key: 'conducted_on', zh: '督查日期', aliases: ['日期', '检查日期'], required: true, type: 'date', doc: 'YYYY-MM-DD, in the year or the year after.', example: '2026-03-05' },
  { key: 'finding', zh: '督查发现', aliases: ['督查情况', '发现问题', '情况'], required: true, type: 'text', doc: '2–4000 characters.', example: '窗口服务规范，群众评价良好。' },
  { key: 'finding_en', zh: '英文督查发现', required: false, type: 'text', doc: 'Free text.', example: '' },
  { key: 'score_delta', zh: '加减分', aliases: ['分值变化', '加扣分'], required: false, type: 'number',
    doc: 'Points added to (or, negative, taken from) the unit\'s monitoring score: −20 to 20, up to 2 decimals (empty: 0).', example: '1.5' },
  { key: 'is_public', zh: '是否公开', aliases: ['公开'], required: false, type: 'boolean', doc: '是/否 (true/false): public findings appear on the site (empty: 否).', example: 'true' },
];

export const SupervisionRowSchema = z.object({
  year: required(integer({ min: 2000, max: 2100 })),
  ref: required(pattern(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'reference number (letters, digits, dots, slashes, underscores, hyphens)')),
  unit_code: required(pattern(CODE_RE, 'unit code')),
  target_code: optional(pattern(TARGET_CODE_RE, 'target code')),
  method: required(oneOf(METHOD)),
  conducted_on: required(date),
  finding: required(text({ min: 2, max: 4000 })),
  finding_en: optional(text({ max: 8000 })),
  score_delta: optional(decimal({ min: -20, max: 20, decimals: 2 })),
  is_public: optional(bool),
});
export type SupervisionRow = z.output<typeof SupervisionRowSchema>;

export const supervisionKind = defineKind<SupervisionRow>({
  name: 'supervision',
  label: { zh: '督查记录', en: 'supervision records' },
  keyDoc: 'year and reference number',
  columns: SUPERVISION_COLUMNS,
  schema: SupervisionRowSchema,
  keyColumn: 'ref',
  key: (r) => `${r.year}|${r.ref}`,
  yearScoped: true,
  async apply(tx, rows, ctx) {
    const years = await assessmentYears(tx);
    const units = await unitsByCode(tx);
    const targets = await targetsByKey(tx, rows.flatMap((r) => (r.value.target_code ? [{ year: r.value.year, code: r.value.target_code }] : [])));
    const stored = await loadStored<{ id: number; year: string; ref: string }>(
      tx,
      `select r.id, r.year::text as year, r.ref, r.unit_id::text as unit_id, r.target_id::text as target_id, r.method,
              r.conducted_on::text as conducted_on, r.finding, r.finding_en, trim_scale(r.score_delta)::text as score_delta,
              r.is_public::text as is_public
       from public.supervision_records r where r.year = any (array(select jsonb_array_elements_text($1::text::jsonb)::int))`,
      [asJson([...new Set(rows.map((r) => r.value.year))])],
      (r) => `${r.year}|${r.ref}`,
    );
    const items: SyncItem[] = [];
    for (const { row, value: v } of rows) {
      const errors: [string, string][] = [];
      if (!years.has(v.year)) errors.push(['year', `${v.year} is not an assessment year (create it first)`]);
      const unit = units.get(v.unit_code);
      if (!unit) errors.push(['unit_code', unknown('unit code', v.unit_code, units.keys())]);
      let targetId: string | null | undefined = v.target_code === undefined ? undefined : null;
      if (v.target_code) {
        const target = targets.get(targetKey(v.year, v.target_code));
        if (!target) errors.push(['target_code', `no target ${v.target_code} in ${v.year}`]);
        else if (unit && target.unit_id !== unit.id) {
          errors.push(['target_code', `target ${v.target_code} belongs to unit ${target.unit_code}, not ${v.unit_code}`]);
        } else targetId = String(target.id);
      }
      if (errors.length > 0) {
        for (const [key, message] of errors) ctx.error(row, key, message);
        ctx.tick();
        continue;
      }
      items.push({
        row,
        existing: stored.get(`${v.year}|${v.ref}`)?.[0],
        values: {
          year: String(v.year), ref: v.ref, unit_id: String(unit!.id), target_id: targetId, method: v.method,
          conducted_on: v.conducted_on, finding: v.finding, finding_en: v.finding_en,
          score_delta: v.score_delta === undefined ? undefined : (v.score_delta ?? '0'),
          is_public: v.is_public === undefined ? undefined : (v.is_public ?? 'false'),
        },
      });
    }
    await syncRows(tx, ctx, {
      table: 'public.supervision_records',
      booleans: ['is_public'],
      errors: {
        fallback: 'ref',
        columns: {
          supervised_target_belongs_to_unit: 'target_code', conducted_within_year: 'conducted_on',
          supervised_target_of_same_year: 'target_code', supervised_target_published_before: 'target_code',
          supervision_records_year_ref: 'ref', year: 'year', ref: 'ref', unit_id: 'unit_code', target_id: 'target_code',
          method: 'method', conducted_on: 'conducted_on', finding: 'finding', finding_en: 'finding_en',
          score_delta: 'score_delta', is_public: 'is_public',
        },
      },
    }, items);
  },
  exportRows: (q, year) => q.query(
    `select r.year::text as year, r.ref, u.code as unit_code, u.name as unit_name, t.code as target_code, r.method,
            r.conducted_on::text as conducted_on, r.finding, r.finding_en, trim_scale(r.score_delta)::text as score_delta,
            r.is_public::text as is_public
     from public.supervision_records r
     join public.units u on u.id = r.unit_id
     left join public.targets t on t.id = r.target_id
     where r.year = $1
     order by r.conducted_on, r.ref`,
    [year],
  ),
});
