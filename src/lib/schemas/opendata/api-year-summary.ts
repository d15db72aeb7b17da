/** /api/v1/years/<year>/summary.json: a year at a glance, with links to its datasets. */
import { z } from 'zod';
import { AssessmentYearStatusSchema } from '../../domain/assessment.ts';
import { BulletinKindSchema } from '../../domain/bulletins.ts';
import { StatusCountsSchema } from '../../domain/progress.ts';
import { SupervisionMethodSchema } from '../../domain/supervision.ts';
import { UnitKindSchema } from '../../domain/units.ts';
import { DocumentHeader, InstantSchema, MonthSchema, YearSchema } from './common.ts';

export const YearSummaryDocumentSchema = z
  .object({
    ...DocumentHeader,
    year: YearSchema,
    status: AssessmentYearStatusSchema.nullable(),
    as_of_period: MonthSchema.nullable().meta({ description: 'The latest month with a report in force.' }),
    targets: z.number().int().nonnegative(),
    by_status: StatusCountsSchema,
    commitments: z.object({
      total: z.number().int().nonnegative(),
      completed: z.number().int().nonnegative(),
      at_risk: z.number().int().nonnegative().meta({ description: 'Behind or not completed.' }),
    }),
    units: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        name_en: z.string().nullable(),
        kind: UnitKindSchema,
        targets: z.number().int().nonnegative(),
        by_status: StatusCountsSchema,
        api_url: z.url(),
      }),
    ),
    supervision: z.object({
      public_records: z.number().int().nonnegative(),
      by_method: z.partialRecord(SupervisionMethodSchema, z.number().int().positive()),
      score_delta_total: z.number(),
    }),
    bulletins: z.array(
      z.object({
        slug: z.string(),
        kind: BulletinKindSchema,
        period: z.string(),
        title: z.string(),
        title_en: z.string().nullable(),
        published_at: InstantSchema,
        url: z.url(),
        url_en: z.url(),
      }),
    ),
    datasets: z.array(
      z.object({ name: z.string(), rows: z.number().int().nonnegative(), csv_url: z.url(), json_url: z.url(), schema_url: z.url() }),
    ),
  })
  .meta({ title: 'Year summary', description: 'Targets by status, public commitments, units, supervision and bulletins of one assessment year.' });
export type YearSummaryDocument = z.output<typeof YearSummaryDocumentSchema>;
