/** A unit's public page: its people, targets, weights, trend and public supervision findings. */
import { z } from 'zod';
import { CategorySchema } from '../domain/indicators.ts';
import { StatusCountsSchema } from '../domain/progress.ts';
import { SupervisionMethodSchema } from '../domain/supervision.ts';
import { UnitKindSchema } from '../domain/units.ts';
import { TargetSummarySchema } from './target.ts';
import { LeaderReportSchema } from './leader-report.ts';
import { AccountabilityCaseSchema } from './accountability.ts';

export const SupervisionFindingSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  method: SupervisionMethodSchema,
  conducted_on: z.string(),
  finding: z.string(),
  finding_en: z.string().nullable(),
  score_delta: z.number(),
  target_id: z.number().int().nullable(),
});
export type SupervisionFinding = z.output<typeof SupervisionFindingSchema>;

export const UnitDetailSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  name_en: z.string().nullable(),
  kind: UnitKindSchema,
  sector: z.string(),
  cadres: z.array(
    z.object({ id: z.number().int(), name: z.string(), title: z.string(), title_en: z.string().nullable(), is_principal: z.boolean() }),
  ),
  targets: z.array(TargetSummarySchema),
  /** Points per category per year (top-level targets), which differ between units and districts. */
  weights: z.array(z.object({ year: z.number().int(), category: CategorySchema, points: z.number(), targets: z.number().int() })),
  /** Status of the unit's targets at the end of each reported month. */
  trend: z.array(z.object({ period: z.string(), counts: StatusCountsSchema })),
  findings: z.array(SupervisionFindingSchema),
  /** Leaders' half-year reports, newest half year first, with the missing ones. */
  leader_reports: z.array(LeaderReportSchema),
  /** Published accountability cases (追责问责), newest decision first; never the persons. */
  accountability: z.array(AccountabilityCaseSchema),
});
export type UnitDetail = z.output<typeof UnitDetailSchema>;
