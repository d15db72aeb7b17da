/**
 * The staff cycles around imports: reviewing, approving and publishing targets, and the monthly
 * reports still due or filed late. The rules are SQL (private.advance_targets, review_targets,
 * reports_due, public.progress_report_timeliness); this module reads them into typed rows.
 */
import { z } from 'zod';
import type { Queryable } from '../db/types.ts';
import { DirectionSchema } from '../domain/indicators.ts';
import { BaselineKindSchema, type TargetLifecycle } from '../domain/targets.ts';

const num = z.union([z.number(), z.string()]).transform(Number);
const numOrNull = z.union([z.number(), z.string(), z.null()]).transform((v) => (v === null ? null : Number(v)));

export const ReviewRowSchema = z.object({
  target_id: num,
  code: z.string(),
  unit_code: z.string(),
  unit_name: z.string(),
  title: z.string(),
  direction: DirectionSchema,
  measure: z.string().nullable(),
  target_value: numOrNull,
  weight: num,
  last_actual_year: z.number().int().nullable(),
  last_actual: numOrNull,
  peer_median: numOrNull,
  peer_count: z.number().int(),
  benchmark: numOrNull,
  below_last_actual: z.boolean(),
  far_from_peers: z.boolean(),
  peer_gap: numOrNull,
  baselines: z.array(z.object({
    kind: BaselineKindSchema,
    year: z.number().int().nullable(),
    peer_name: z.string().nullable(),
    value: num,
  })),
});
export type ReviewRow = z.output<typeof ReviewRowSchema>;

/** Draft targets of a year with their baselines and review flags. */
export async function reviewTargets(q: Queryable, year: number, tolerance = 0.25): Promise<ReviewRow[]> {
  const rows = await q.query(
    `select r.*, coalesce((
        select jsonb_agg(jsonb_build_object('kind', b.kind, 'year', b.year, 'peer_name', b.peer_name, 'value', b.value)
                         order by array_position(array['vertical', 'horizontal', 'benchmark'], b.kind), b.year, b.peer_name)
        from public.target_baselines b where b.target_id = r.target_id), '[]'::jsonb) as baselines
     from private.review_targets($1, $2) r`,
    [year, tolerance],
  );
  return rows.map((r) => ReviewRowSchema.parse(r));
}

export const AdvancedSchema = z.object({ code: z.string(), previous_status: z.string(), status: z.string() });
export type Advanced = z.output<typeof AdvancedSchema>;

/** Approves drafts or publishes approved targets (all of the year, or the given codes). */
export async function advanceTargets(
  q: Queryable,
  year: number,
  to: Exclude<TargetLifecycle, 'draft'>,
  codes?: readonly string[],
): Promise<Advanced[]> {
  const result = await q.query(
    `select a.code, a.previous_status, a.status
     from private.advance_targets($1, $2, case when $3::text is null then null
                                        else array(select jsonb_array_elements_text($3::text::jsonb)) end) a`,
    [year, to, codes ? JSON.stringify(codes) : null],
  );
  return result.map((r) => AdvancedSchema.parse(r));
}

export const DueRowSchema = z.object({
  unit_id: num,
  unit_code: z.string(),
  unit_name: z.string(),
  target_id: num,
  target_code: z.string(),
  title: z.string(),
  responsible_department: z.string(),
  responsible_person: z.string(),
  due_on: z.string(),
  days_overdue: z.number().int(),
});
export type DueRow = z.output<typeof DueRowSchema>;

export const LateRowSchema = z.object({
  unit_code: z.string(),
  unit_name: z.string(),
  target_code: z.string(),
  title: z.string(),
  due_on: z.string(),
  reported_at: z.string(),
  days_late: z.number().int(),
});
export type LateRow = z.output<typeof LateRowSchema>;

export interface ReportsDue {
  period: string;
  dueOn: string;
  asOf: string;
  missing: DueRow[];
  late: LateRow[];
}

/**
 * Targets without a report for the month, and the month's reports filed after the due date.
 * `asOf` (YYYY-MM-DD) fixes "today" (default: today in Asia/Shanghai).
 */
export async function reportsDue(q: Queryable, period: string, asOf?: string): Promise<ReportsDue> {
  const missing = (await q.query(
    `select d.unit_id, d.unit_code, d.unit_name, d.target_id, d.target_code, d.title, d.responsible_department,
            d.responsible_person, d.due_on::text as due_on, d.days_overdue
     from private.reports_due($1, $2::date) d`,
    [period, asOf ?? null],
  )).map((r) => DueRowSchema.parse(r));
  const late = (await q.query(
    `select u.code as unit_code, u.name as unit_name, t.code as target_code, t.title, l.due_on::text as due_on,
            to_char(l.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as reported_at,
            ((l.reported_at at time zone 'Asia/Shanghai')::date - l.due_on)::int as days_late
     from public.progress_report_timeliness l
     join public.targets t on t.id = l.target_id
     join public.units u on u.id = t.unit_id
     where l.period = $1 and not l.is_correction and l.is_late
     order by u.sort_order, u.code, t.code`,
    [period],
  )).map((r) => LateRowSchema.parse(r));
  const [dates] = await q.query<{ due_on: string; as_of: string }>(
    `select ((to_date($1 || '-01', 'YYYY-MM-DD') + interval '1 month')::date + (y.report_due_day - 1))::text as due_on,
            coalesce($2::date, (now() at time zone 'Asia/Shanghai')::date)::text as as_of
     from public.assessment_years y where y.year = left($1, 4)::int`,
    [period, asOf ?? null],
  );
  return { period, dueOn: dates?.due_on ?? '', asOf: dates?.as_of ?? '', missing, late };
}
