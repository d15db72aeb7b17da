/** A year at a glance: what the home page shows. Built from public rows only. */
import { z } from 'zod';
import { AssessmentYearStatusSchema } from '../domain/assessment.ts';
import { StatusCountsSchema } from '../domain/progress.ts';
import { UnitKindSchema } from '../domain/units.ts';

const UnitShareSchema = z.object({
  code: z.string(),
  name: z.string(),
  name_en: z.string().nullable(),
  kind: UnitKindSchema,
  targets: z.number().int(),
  share: z.number(),
});

export const YearOverviewSchema = z.object({
  year: z.number().int(),
  status: AssessmentYearStatusSchema,
  municipal_units: z.number().int(),
  districts: z.number().int(),
  targets: z.number().int(),
  by_status: StatusCountsSchema,
  /** The latest month with reports in force. */
  as_of_period: z.string().nullable(),
  commitments: z.object({ total: z.number().int(), completed: z.number().int(), at_risk: z.number().int() }),
  /** Units with the largest share of targets behind or not completed. */
  most_behind: z.array(UnitShareSchema),
  /** Units with the largest share of targets completed or on track. */
  most_ahead: z.array(UnitShareSchema),
  latest_bulletin: z
    .object({ slug: z.string(), title: z.string(), title_en: z.string().nullable(), summary: z.string(), summary_en: z.string().nullable(), published_at: z.string() })
    .nullable(),
});
export type YearOverview = z.output<typeof YearOverviewSchema>;
