/** A published target as the public pages show it: responsibility chain, baselines, reports, decomposition. */
import { z } from 'zod';
import { CategorySchema, DirectionSchema } from '../domain/indicators.ts';
import { ProgressStatusSchema, ReportStatusSchema } from '../domain/progress.ts';
import { BaselineKindSchema } from '../domain/targets.ts';
import { UnitKindSchema } from '../domain/units.ts';

/** The short form used in lists (unit pages, commitments, decomposition trees). */
export const TargetSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  year: z.number().int(),
  unit_code: z.string(),
  unit_name: z.string(),
  unit_name_en: z.string().nullable(),
  unit_kind: UnitKindSchema,
  parent_id: z.number().int().nullable(),
  title: z.string(),
  title_en: z.string().nullable(),
  category: CategorySchema,
  weight: z.number(),
  deadline: z.string(),
  is_public_commitment: z.boolean(),
  leader_id: z.number().int().nullable(),
  leader_name: z.string().nullable(),
  responsible_department: z.string(),
  responsible_department_en: z.string().nullable(),
  responsible_person: z.string(),
  /** Rolled up from the leaves (see leaves) when the target is decomposed. */
  status: ProgressStatusSchema,
  progress_pct: z.number().nullable(),
  period: z.string().nullable(),
  /** How many leaf targets it decomposes into; 0 when it is not decomposed. */
  leaves: z.number().int().nonnegative(),
  /** How many times its published commitment was changed (each with a public reason). */
  commitment_change_count: z.number().int().nonnegative().default(0),
});
export type TargetSummary = z.output<typeof TargetSummarySchema>;

export const BaselineSchema = z.object({
  kind: BaselineKindSchema,
  year: z.number().int().nullable(),
  peer_name: z.string().nullable(),
  value: z.number(),
  note: z.string().nullable(),
});
export type Baseline = z.output<typeof BaselineSchema>;

export const ProgressReportSchema = z.object({
  id: z.number().int(),
  period: z.string(),
  status: ReportStatusSchema,
  actual_value: z.number().nullable(),
  progress_pct: z.number().nullable(),
  result_text: z.string().nullable(),
  progress_text: z.string().nullable(),
  reasons_text: z.string().nullable(),
  remedy_text: z.string().nullable(),
  supersedes_id: z.number().int().nullable(),
  correction_reason: z.string().nullable(),
  /** Set when a later correction replaced this report. */
  superseded_by: z.number().int().nullable(),
  reported_at: z.string(),
  is_late: z.boolean(),
});
export type ProgressReport = z.output<typeof ProgressReportSchema>;

/** A recorded change of a published target's public commitment (never a silent edit). */
export const CommitmentChangeSchema = z.object({
  old_text: z.string().nullable(),
  new_text: z.string().nullable(),
  old_is_public_commitment: z.boolean(),
  new_is_public_commitment: z.boolean(),
  reason: z.string(),
  changed_at: z.string(),
});
export type CommitmentChange = z.output<typeof CommitmentChangeSchema>;

export const TargetDetailSchema = TargetSummarySchema.extend({
  description: z.string().nullable(),
  indicator_code: z.string(),
  indicator_name: z.string(),
  indicator_name_en: z.string().nullable(),
  measure: z.string().nullable(),
  measure_en: z.string().nullable(),
  direction: DirectionSchema,
  target_value: z.number().nullable(),
  quality_requirement: z.string().nullable(),
  leader_title: z.string().nullable(),
  leader_title_en: z.string().nullable(),
  commitment_text: z.string().nullable(),
  published_at: z.string(),
  baselines: z.array(BaselineSchema),
  reports: z.array(ProgressReportSchema),
  commitment_changes: z.array(CommitmentChangeSchema),
  /**
   * The whole decomposition tree this target belongs to, root first in depth-first order
   * (depth 0 is the root); empty when the target is neither decomposed nor a sub-target.
   */
  tree: z.array(TargetSummarySchema.extend({ depth: z.number().int().nonnegative() })),
});
export type TargetDetail = z.output<typeof TargetDetailSchema>;
export type TargetTreeEntry = TargetDetail['tree'][number];
