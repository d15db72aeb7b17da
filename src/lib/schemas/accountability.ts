/**
 * A published accountability case (追责问责) as the public sees it: its basis, measure, summaries and
 * dates. Who was held accountable is personal data and is never part of it.
 */
import { z } from 'zod';
import { AccountabilityBasisSchema, AccountabilityMeasureSchema } from '../domain/accountability.ts';

export const AccountabilityCaseSchema = z.object({
  case_no: z.string(),
  year: z.number().int(),
  basis_kind: AccountabilityBasisSchema,
  /** The basis, when the public can still see it (a finding may have been made non-public since). */
  target_id: z.number().int().nullable(),
  target_code: z.string().nullable(),
  target_title: z.string().nullable(),
  target_title_en: z.string().nullable(),
  supervision_id: z.number().int().nullable(),
  supervision_ref: z.string().nullable(),
  conducted_on: z.string().nullable(),
  assessment_year: z.number().int().nullable(),
  assessment_version: z.number().int().nullable(),
  /** Whether the assessment run is the year's result in force (its page is then /assessment/<year>/). */
  assessment_current: z.boolean().nullable(),
  opened_on: z.string(),
  summary: z.string(),
  summary_en: z.string().nullable(),
  measure: AccountabilityMeasureSchema,
  decided_on: z.string(),
  decision_summary: z.string(),
  decision_summary_en: z.string().nullable(),
  published_on: z.string(),
});
export type AccountabilityCase = z.output<typeof AccountabilityCaseSchema>;
