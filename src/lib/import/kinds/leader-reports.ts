/**
 * Leaders' half-year reports (领导半年报告) to the city leader in charge, keyed by unit code, cadre
 * name and half year. A report not yet public may be corrected by importing it again; a public
 * one is a record, and a row that would change it is refused by the database.
 */
import { z } from 'zod';
import { date, optional, pattern, required, text, type Parser } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { loadStored, syncRows, type SyncItem } from '../sync.ts';
import { asJson, CODE_RE, unitsByCode, unknown } from './refs.ts';

/** A half year: 2026-H1, 2026H1, 2026年上半年, 2026上半年 (and the same for H2 / 下半年). */
export const halfYear: Parser<string> = (raw) => {
  const value = raw.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s/g, '');
  const m = /^(\d{4})(?:-?[Hh]([12])|年?(上|下)半年(?:度)?)$/.exec(value);
  if (!m) return { ok: false, message: `"${raw}" is not a half year (write YYYY-H1 or YYYY-H2, or 2026年上半年)` };
  const half = m[2] ?? (m[3] === '上' ? '1' : '2');
  return { ok: true, value: `${m[1]}-H${half}` };
};

export const LEADER_REPORT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'unit_code', zh: '单位代码', required: true, type: 'code', doc: 'Code of a stored unit.', example: 'M001' },
  { key: 'unit_name', zh: '单位名称', required: false, type: 'text', infoOnly: true, doc: 'Written by export for reading; ignored by import.', example: '市发展和改革委员会' },
  { key: 'cadre_name', zh: '姓名', aliases: ['name', '领导姓名', '干部姓名'], required: true, type: 'text',
    doc: 'Name of a stored cadre of the unit. With the unit code and the half year, the natural key.', example: '王建国' },
  { key: 'cadre_title', zh: '职务', required: false, type: 'text', infoOnly: true, doc: 'Written by export for reading; ignored by import.', example: '主要负责人' },
  { key: 'period', zh: '半年度', aliases: ['报告期', '所属期'], required: true, type: 'code',
    doc: 'The half year reported on: YYYY-H1 (January–June) or YYYY-H2 (July–December), also 2026年上半年; of an assessment year.', example: '2026-H1' },
  { key: 'reported_to', zh: '报告对象', aliases: ['分管市领导', '汇报对象'], required: true, type: 'text',
    doc: 'The city leader in charge reported to, title and name: 2–80 characters.', example: '副市长周某某' },
  { key: 'reported_to_en', zh: '英文报告对象', required: false, type: 'text', doc: '2–160 characters.', example: 'Vice Mayor Zhou' },
  { key: 'summary', zh: '报告摘要', aliases: ['摘要', '报告内容'], required: true, type: 'text',
    doc: 'The public summary: 20–2000 characters.', example: '上半年牵头推进项目审批改革，压减审批时限三成；下半年重点抓好重大项目落地。' },
  { key: 'summary_en', zh: '英文报告摘要', required: false, type: 'text', doc: '20–4000 characters.', example: '' },
  { key: 'submitted_on', zh: '报送日期', aliases: ['报告日期', '提交日期'], required: true, type: 'date',
    doc: 'YYYY-MM-DD, in or after the half year: H1 is due by 31 July, H2 by 31 January of the next year; later is late.', example: '2026-07-20' },
  { key: 'published_on', zh: '公开日期', aliases: ['公布日期'], required: false, type: 'date',
    doc: 'YYYY-MM-DD, on or after the submission: from then on the report is public and can no longer be changed (empty: not yet public).', example: '2026-08-03' },
];

export const LeaderReportRowSchema = z.object({
  unit_code: required(pattern(CODE_RE, 'unit code')),
  cadre_name: required(text({ min: 2, max: 40 })),
  period: required(halfYear),
  reported_to: required(text({ min: 2, max: 80 })),
  reported_to_en: optional(text({ min: 2, max: 160 })),
  summary: required(text({ min: 20, max: 2000 })),
  summary_en: optional(text({ min: 20, max: 4000 })),
  submitted_on: required(date),
  published_on: optional(date),
});
export type LeaderReportRow = z.output<typeof LeaderReportRowSchema>;

const keyOf = (cadre: string, period: string) => `${cadre}|${period}`;

export const leaderReportsKind = defineKind<LeaderReportRow>({
  name: 'leader-reports',
  label: { zh: '领导半年报告', en: 'leaders\' half-year reports' },
  keyDoc: 'unit code, cadre name and half year',
  columns: LEADER_REPORT_COLUMNS,
  schema: LeaderReportRowSchema,
  keyColumn: 'period',
  key: (r) => `${r.unit_code}|${r.cadre_name}|${r.period}`,
  yearScoped: true,
  async apply(tx, rows, ctx) {
    const units = await unitsByCode(tx);
    const cadres = new Map<string, number[]>();
    for (const c of await tx.query<{ id: number; unit_code: string; name: string }>(
      `select c.id::int as id, u.code as unit_code, c.name from public.cadres c join public.units u on u.id = c.unit_id`)) {
      const key = `${c.unit_code}|${c.name}`;
      cadres.set(key, [...(cadres.get(key) ?? []), c.id]);
    }
    // Stored rows by cadre id and half year: their columns are exactly what the file sets.
    const stored = await loadStored<{ id: number; cadre_id: string; period: string }>(
      tx,
      `select r.id, r.cadre_id::text as cadre_id, r.unit_id::text as unit_id, r.period, r.reported_to, r.reported_to_en,
              r.summary, r.summary_en, r.submitted_on::text as submitted_on,
              (r.published_at at time zone 'Asia/Shanghai')::date::text as published_at
       from public.leader_reports r
       where r.period = any (array(select jsonb_array_elements_text($1::text::jsonb)))`,
      [asJson([...new Set(rows.map((r) => r.value.period))])],
      (r) => keyOf(r.cadre_id, r.period),
    );
    const items: SyncItem[] = [];
    for (const { row, value: v } of rows) {
      const unit = units.get(v.unit_code);
      if (!unit) {
        ctx.error(row, 'unit_code', unknown('unit code', v.unit_code, units.keys()));
        ctx.tick();
        continue;
      }
      const ids = cadres.get(`${v.unit_code}|${v.cadre_name}`) ?? [];
      if (ids.length !== 1) {
        ctx.error(row, 'cadre_name', ids.length === 0
          ? `unit ${v.unit_code} has no cadre named ${v.cadre_name}`
          : `${ids.length} cadres of unit ${v.unit_code} are named ${v.cadre_name}; the file cannot tell which one this row means`);
        ctx.tick();
        continue;
      }
      const cadreId = String(ids[0]);
      items.push({
        row,
        existing: stored.get(keyOf(cadreId, v.period))?.[0],
        values: {
          cadre_id: cadreId, unit_id: String(unit.id), period: v.period, reported_to: v.reported_to,
          reported_to_en: v.reported_to_en, summary: v.summary, summary_en: v.summary_en,
          submitted_on: v.submitted_on, published_at: v.published_on,
        },
      });
    }
    await syncRows(tx, ctx, {
      table: 'public.leader_reports',
      errors: {
        fallback: 'period',
        columns: {
          leader_report_period_is_half_year: 'period', leader_report_year_is_assessed: 'period',
          leader_reports_one_per_cadre_and_half_year: 'period', leader_report_cadre_of_unit: 'cadre_name',
          leader_report_names_recipient: 'reported_to', leader_report_names_recipient_en: 'reported_to_en',
          leader_report_summary_length: 'summary', leader_report_summary_en_length: 'summary_en',
          leader_report_submitted_in_or_after_half_year: 'submitted_on',
          leader_report_published_after_submitted: 'published_on', published_at: 'published_on',
        },
        // A public report is a record (refuse_change names no constraint).
        messages: [[/the report is published/, 'published_on']],
      },
    }, items);
  },
  exportRows: (q, year) => q.query(
    `select u.code as unit_code, u.name as unit_name, c.name as cadre_name, c.title as cadre_title, r.period,
            r.reported_to, r.reported_to_en, r.summary, r.summary_en, r.submitted_on::text as submitted_on,
            (r.published_at at time zone 'Asia/Shanghai')::date::text as published_on
     from public.leader_reports r
     join public.cadres c on c.id = r.cadre_id
     join public.units u on u.id = r.unit_id
     where left(r.period, 4)::int = $1
     order by u.sort_order, u.code, c.sort_order, c.id, r.period`,
    [year],
  ),
});
