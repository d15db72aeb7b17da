/** /api/v1/units.json and /api/v1/units/<code>.json: the assessed units. */
import { z } from 'zod';
import { CategorySchema } from '../../domain/indicators.ts';
import { ProgressStatusSchema, ReportStatusSchema, StatusCountsSchema } from '../../domain/progress.ts';
import { SupervisionMethodSchema } from '../../domain/supervision.ts';
import { UnitKindSchema } from '../../domain/units.ts';
import { DateSchema, DocumentHeader, IdSchema, InstantSchema, MonthSchema, YearSchema } from './common.ts';

const Links = {
  url: z.url().meta({ description: 'The unit\'s page (Chinese).' }),
  url_en: z.url().meta({ description: 'The unit\'s page (English).' }),
  api_url: z.url().meta({ description: 'This unit\'s document in the API.' }),
  feed_url: z.url().meta({ description: 'RSS feed of the status changes of the unit\'s targets.' }),
};

export const UnitsDocumentSchema = z
  .object({
    ...DocumentHeader,
    units: z.array(
      z.object({ code: z.string(), name: z.string(), name_en: z.string().nullable(), kind: UnitKindSchema, sector: z.string(), ...Links }),
    ),
  })
  .meta({ title: 'Units', description: 'Every assessed unit: municipal units and districts.' });
export type UnitsDocument = z.output<typeof UnitsDocumentSchema>;

export const StatusChangeSchema = z.object({
  report_id: IdSchema,
  target_id: IdSchema,
  target_code: z.string(),
  period: MonthSchema,
  from: ReportStatusSchema,
  to: ReportStatusSchema,
  reported_at: InstantSchema,
});
export type StatusChange = z.output<typeof StatusChangeSchema>;

export const UnitDocumentSchema = z
  .object({
    ...DocumentHeader,
    code: z.string(),
    name: z.string(),
    name_en: z.string().nullable(),
    kind: UnitKindSchema,
    sector: z.string(),
    ...Links,
    feed_url_en: z.url(),
    leadership: z.array(z.object({ name: z.string(), title: z.string(), title_en: z.string().nullable(), is_principal: z.boolean() })),
    years: z.array(
      z.object({
        year: YearSchema,
        targets: z.number().int().nonnegative(),
        public_commitments: z.number().int().nonnegative(),
        points: z.number().nonnegative(),
        by_status: StatusCountsSchema,
      }),
    ),
    targets: z.array(
      z.object({
        id: IdSchema,
        code: z.string(),
        year: YearSchema,
        parent_id: IdSchema.nullable(),
        title: z.string(),
        title_en: z.string().nullable(),
        category: CategorySchema,
        weight: z.number(),
        deadline: DateSchema,
        is_public_commitment: z.boolean(),
        status: ProgressStatusSchema,
        progress_pct: z.number().nullable(),
        api_url: z.url(),
        url: z.url(),
      }),
    ),
    supervision_records: z.array(
      z.object({
        id: IdSchema,
        ref: z.string(),
        year: YearSchema,
        method: SupervisionMethodSchema,
        conducted_on: DateSchema,
        target_id: IdSchema.nullable(),
        finding: z.string(),
        finding_en: z.string().nullable(),
        score_delta: z.number(),
      }),
    ),
    status_changes: z
      .array(StatusChangeSchema)
      .meta({ description: 'Reports in force whose status differs from the target\'s previous report, newest first.' }),
  })
  .meta({ title: 'Unit', description: 'One unit: leadership, targets per year, public supervision findings and status changes.' });
export type UnitDocument = z.output<typeof UnitDocumentSchema>;
