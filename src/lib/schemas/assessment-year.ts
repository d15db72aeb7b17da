/** An assessment year's rules: the weights and thresholds the methodology page shows. */
import { z } from 'zod';
import { AssessmentYearStatusSchema } from '../domain/assessment.ts';

export const AssessmentYearSchema = z.object({
  year: z.number().int(),
  status: AssessmentYearStatusSchema,
  weight_target: z.number(),
  weight_mass: z.number(),
  weight_monitoring: z.number(),
  excellent_count: z.number().int(),
  bottom_count: z.number().int(),
  pass_score: z.number(),
  achievement_cap: z.number(),
  monitoring_base: z.number(),
  respondent_group_weights: z.record(z.string(), z.number()),
  mass_min_sample: z.number().int(),
  report_due_day: z.number().int(),
});
export type AssessmentYear = z.output<typeof AssessmentYearSchema>;
