/**
 * Monthly progress reports, keyed by year + target code + period. Reports are append-only: a row
 * for a period that already has a report in force is unchanged when it says the same, and
 * otherwise becomes a correction that supersedes it (it needs a correction reason). The
 * completed / on-track / behind text rules are the database's; their errors become row errors.
 */
import { z } from 'zod';
import { decimal, integer, oneOf, optional, pattern, period, required, text, timestamp } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { guardedWrite } from '../context.ts';
import { defineKind } from '../kind.ts';
import { insertRows } from '../../db/insert.ts';
import { REPORT_STATUS, vocabAlternatives } from '../vocab.ts';
import { asJson, CODE_RE, TARGET_CODE_RE, targetKey, targetsByKey } from './refs.ts';

export const PROGRESS_COLUMNS: readonly ColumnSpec[] = [
  { key: 'year', zh: '年度', required: false, type: 'int', doc: 'The target\'s year (empty: the year of the period).', example: '2026' },
  { key: 'unit_code', zh: '单位代码', required: false, type: 'code', doc: 'Optional check: when given, it must be the target\'s unit.', example: 'M001' },
  { key: 'target_code', zh: '目标编号', required: true, type: 'code', doc: 'Code of a stored target of that year.', example: '2026-M001-01' },
  { key: 'target_title', zh: '目标名称', required: false, type: 'text', infoOnly: true, doc: 'Written by export for reading; ignored by import.', example: '城镇新增就业达到8500人' },
  { key: 'period', zh: '报告期', aliases: ['月份', '报告月份', '所属期'], required: true, type: 'period', doc: 'The month reported on, YYYY-MM, within the year.', example: '2026-03' },
  { key: 'status', zh: '进展状态', aliases: ['完成状态', '状态'], required: true, type: 'enum', vocab: REPORT_STATUS,
    doc: vocabAlternatives(REPORT_STATUS) + '.', example: 'on_track' },
  { key: 'actual_value', zh: '实际完成值', aliases: ['完成值', '实际值'], required: false, type: 'number', doc: 'A number in the indicator\'s measure, at most the indicator\'s maximum (100 for a rate).', example: '2300' },
  { key: 'progress_pct', zh: '完成进度', aliases: ['完成比例', '进度'], required: false, type: 'number', doc: 'Percent from 0 to 100, one decimal at most; "27.1" or "27.1%".', example: '27.1' },
  { key: 'result_text', zh: '完成情况', aliases: ['完成结果'], required: false, type: 'text', doc: 'Required when completed: what was achieved.', example: '' },
  { key: 'progress_text', zh: '进展情况', aliases: ['推进情况'], required: false, type: 'text', doc: 'Required when on track: what was done this period.', example: '累计新增就业2300人，按计划推进。' },
  { key: 'reasons_text', zh: '未完成原因', aliases: ['滞后原因', '原因'], required: false, type: 'text', doc: 'Required when behind or not completed: why.', example: '' },
  { key: 'remedy_text', zh: '整改措施', aliases: ['整改举措', '措施'], required: false, type: 'text', doc: 'Required when behind or not completed: what will be done.', example: '' },
  { key: 'reported_at', zh: '报送时间', aliases: ['上报时间', '填报时间'], required: false, type: 'timestamp',
    doc: 'When the report was filed: YYYY-MM-DD HH:MM:SS, Beijing time unless an offset is given (empty: the time of import). Decides whether it was late.', example: '2026-04-03 10:00:00' },
  { key: 'correction_reason', zh: '修改原因', aliases: ['更正原因', '更正说明'], required: false, type: 'text',
    doc: 'Required when the row changes the report in force for its period: the row is then filed as a correction that supersedes it.', example: '' },
];

export const ProgressRowSchema = z
  .object({
    year: optional(integer({ min: 2000, max: 2100 })),
    unit_code: optional(pattern(CODE_RE, 'unit code')),
    target_code: required(pattern(TARGET_CODE_RE, 'target code')),
    period: required(period),
    status: required(oneOf(REPORT_STATUS)),
    actual_value: optional(decimal()),
    progress_pct: optional(decimal({ min: 0, max: 100, decimals: 1, percent: true })),
    result_text: optional(text({ max: 4000 })),
    progress_text: optional(text({ max: 4000 })),
    reasons_text: optional(text({ max: 4000 })),
    remedy_text: optional(text({ max: 4000 })),
    reported_at: optional(timestamp),
    correction_reason: optional(text({ min: 2, max: 2000 })),
  })
  .transform((r, ctx) => {
    const periodYear = Number(r.period.slice(0, 4));
    if (r.year !== undefined && r.year !== null && r.year !== periodYear) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: `period ${r.period} is not in the year ${r.year}` });
      return z.NEVER;
    }
    return { ...r, year: periodYear };
  });
export type ProgressRow = z.output<typeof ProgressRowSchema>;

/** The columns that make a report's content; a row equal on all of them is the same report. */
const CONTENT = ['status', 'actual_value', 'progress_pct', 'result_text', 'progress_text', 'reasons_text', 'remedy_text'] as const;

interface Current {
  id: number;
  target_id: number;
  period: string;
  status: string;
  actual_value: string | null;
  progress_pct: string | null;
  result_text: string | null;
  progress_text: string | null;
  reasons_text: string | null;
  remedy_text: string | null;
  correction_reason: string | null;
  reported_ms: number;
}

interface NewReport {
  row: number;
  values: Record<string, string | null>;
}

const ERRORS = {
  fallback: 'target_code',
  columns: {
    completed_report_states_result: 'result_text', ongoing_report_states_progress: 'progress_text',
    lagging_report_states_reasons_and_remedy: 'reasons_text', correction_states_reason: 'correction_reason',
    correction_matches_original: 'period', progress_reports_one_original_per_period: 'period',
    progress_reports_supersedes_id_key: 'correction_reason', actual_value_within_indicator_max: 'actual_value', target_id: 'target_code', period: 'period', status: 'status',
    actual_value: 'actual_value', progress_pct: 'progress_pct', result_text: 'result_text', progress_text: 'progress_text',
    reasons_text: 'reasons_text', remedy_text: 'remedy_text', reported_at: 'reported_at', correction_reason: 'correction_reason',
  },
} as const;

const canonicalText = (value: string | null | undefined) => value ?? null;

export const progressKind = defineKind<ProgressRow>({
  name: 'progress',
  label: { zh: '月度进展', en: 'progress reports' },
  keyDoc: 'year, target code and period',
  columns: PROGRESS_COLUMNS,
  schema: ProgressRowSchema,
  keyColumn: 'period',
  key: (r) => `${targetKey(r.year, r.target_code)}|${r.period}`,
  yearScoped: true,
  async apply(tx, rows, ctx) {
    const targets = await targetsByKey(tx, rows.map((r) => ({ year: r.value.year, code: r.value.target_code })));
    const targetIds = [...new Set([...targets.values()].map((t) => t.id))];
    const currentRows = await tx.query<Current>(
      `select c.id::int as id, c.target_id::int as target_id, c.period, c.status,
              trim_scale(c.actual_value)::text as actual_value, trim_scale(c.progress_pct)::text as progress_pct,
              c.result_text, c.progress_text, c.reasons_text, c.remedy_text, c.correction_reason,
              (extract(epoch from c.reported_at) * 1000)::float8 as reported_ms
       from public.current_progress_reports c
       where c.target_id = any (array(select jsonb_array_elements_text($1::text::jsonb)::bigint))`,
      [asJson(targetIds)],
    );
    const current = new Map(currentRows.map((c) => [`${c.target_id}|${c.period}`, c]));
    // The transaction's now(), as ISO 8601 (both adapters read it the same way).
    const [{ now } = { now: '' }] = await tx.query<{ now: string }>(
      `select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`,
    );

    const reports: NewReport[] = [];
    let corrections = 0;
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
      const content = {
        status: v.status, actual_value: canonicalText(v.actual_value), progress_pct: canonicalText(v.progress_pct),
        result_text: canonicalText(v.result_text), progress_text: canonicalText(v.progress_text),
        reasons_text: canonicalText(v.reasons_text), remedy_text: canonicalText(v.remedy_text),
      };
      const inForce = current.get(`${target.id}|${v.period}`);
      if (inForce && CONTENT.every((c) => content[c] === inForce[c])) {
        ctx.unchanged++;
        ctx.tick();
        continue;
      }
      if (inForce) {
        if (!v.correction_reason) {
          ctx.error(row, 'correction_reason',
            `${v.period} already has a report for target ${v.target_code}; a different report is filed as a correction and needs a correction reason`);
          ctx.tick();
          continue;
        }
        if (v.correction_reason === inForce.correction_reason) {
          ctx.error(row, 'correction_reason', 'this is the reason of the correction in force; state the reason for this new correction');
          ctx.tick();
          continue;
        }
      }
      // A correction keeps a filing time the file gives only if it is later than the report it corrects.
      const given = v.reported_at ? Date.parse(v.reported_at) : undefined;
      const reportedAt = v.reported_at && (!inForce || (given ?? 0) > inForce.reported_ms) ? v.reported_at : now;
      if (inForce) corrections++;
      reports.push({
        row,
        values: {
          target_id: String(target.id), period: v.period, ...content,
          supersedes_id: inForce ? String(inForce.id) : null,
          correction_reason: inForce ? (v.correction_reason ?? null) : null,
          reported_at: reportedAt,
        },
      });
    }
    const failed = new Set(await guardedWrite(tx, ctx, reports, async (batch) => {
      await insertRows(tx, 'public.progress_reports', batch.map((r) => r.values));
    }, ERRORS, (report, key) => (key === 'reasons_text' && report.values['reasons_text'] ? 'remedy_text' : key)));
    const failedCorrections = [...failed].filter((r) => r.values['supersedes_id'] !== null).length;
    ctx.updated += corrections - failedCorrections;
    ctx.created += reports.length - corrections - (failed.size - failedCorrections);
  },
  exportRows: (q, year) => q.query(
    `select t.year::text as year, u.code as unit_code, t.code as target_code, t.title as target_title, c.period, c.status,
            trim_scale(c.actual_value)::text as actual_value, trim_scale(c.progress_pct)::text as progress_pct,
            c.result_text, c.progress_text, c.reasons_text, c.remedy_text,
            to_char(c.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as reported_at,
            c.correction_reason
     from public.current_progress_reports c
     join public.targets t on t.id = c.target_id
     join public.units u on u.id = t.unit_id
     where t.year = $1
     order by u.sort_order, u.code, t.code, c.period`,
    [year],
  ),
});
