/** A year's published assessment: each unit's parts, total, rank, grade and consequence. */
import { z } from 'zod';
import { ConsequenceSchema, GradeSchema } from '../domain/assessment.ts';
import { UnitKindSchema } from '../domain/units.ts';

export const MassGroupSchema = z.object({
  group: z.string(),
  responses: z.number().int(),
  mean: z.number(),
  sd: z.number(),
  weight: z.number(),
  included: z.boolean(),
  excluded_because: z.string().nullable(),
});

export const AssessmentRowSchema = z.object({
  unit_code: z.string(),
  unit_name: z.string(),
  unit_name_en: z.string().nullable(),
  pool: UnitKindSchema,
  target_score: z.number(),
  mass_score: z.number().nullable(),
  mass_margin: z.number().nullable(),
  mass_sample_size: z.number().int(),
  mass_groups: z.array(MassGroupSchema),
  open_score: z.number().nullable(),
  open_sample_size: z.number().int(),
  monitoring_score: z.number(),
  total_score: z.number(),
  rank_in_pool: z.number().int(),
  pool_size: z.number().int(),
  is_bottom: z.boolean(),
  grade: GradeSchema,
  consequence: ConsequenceSchema,
  /** The targets that cost the most points. */
  costly_targets: z.array(z.object({ id: z.number().int(), title: z.string(), title_en: z.string().nullable(), points_lost: z.number() })),
});
export type AssessmentRow = z.output<typeof AssessmentRowSchema>;

export const AssessmentSchema = z.object({
  year: z.number().int(),
  version: z.number().int(),
  published_at: z.string(),
  /** Why this version corrects the previous one. */
  reason: z.string().nullable(),
  /** Whether this is the version in force; corrected versions stay published beside it. */
  current: z.boolean(),
  /** Every published version of the year, oldest first. */
  versions: z.array(z.object({ version: z.number().int(), published_at: z.string(), reason: z.string().nullable() })),
  rows: z.array(AssessmentRowSchema),
});
export type Assessment = z.output<typeof AssessmentSchema>;
