/** The figures of a bulletin period, as private.period_figures() returns them. */
import { z } from 'zod';
import { BulletinKindSchema } from '../domain/bulletins.ts';
import { StatusCountsSchema } from '../domain/progress.ts';

export { StatusCountsSchema, type StatusCounts } from '../domain/progress.ts';

const UnitRef = { code: z.string(), name: z.string(), name_en: z.string().nullable() };

export const PeriodFiguresSchema = z.object({
  kind: BulletinKindSchema,
  period: z.string(),
  year: z.number().int(),
  first_period: z.string(),
  last_period: z.string(),
  /** Only progress reports filed before this moment (UTC) count; null for figures computed without a cut-off. */
  cutoff_at: z.iso.datetime().nullable(),
  targets: z.number().int().nonnegative(),
  by_status: StatusCountsSchema,
  previous_by_status: StatusCountsSchema.nullable(),
  commitments: z.object({ total: z.number().int(), completed: z.number().int(), at_risk: z.number().int() }),
  late_units: z.array(z.object({ ...UnitRef, late: z.number().int(), missing: z.number().int() })),
  most_behind: z.array(
    z.object({ ...UnitRef, targets: z.number().int(), lagging: z.number().int(), lagging_share: z.number() }),
  ),
  supervision: z.object({
    total: z.number().int(),
    by_method: z.record(z.string(), z.number().int()),
    public: z.array(
      z.object({
        unit_code: z.string(),
        unit_name: z.string(),
        unit_name_en: z.string().nullable(),
        method: z.string(),
        conducted_on: z.string(),
        finding: z.string(),
        score_delta: z.number(),
      }),
    ),
  }),
});
export type PeriodFigures = z.output<typeof PeriodFiguresSchema>;
