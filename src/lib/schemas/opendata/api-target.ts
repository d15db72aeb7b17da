/** /api/v1/targets/<id>.json: one published target with its responsibility chain, baselines and reports. */
import { z } from 'zod';
import { CategorySchema, DirectionSchema } from '../../domain/indicators.ts';
import { ProgressStatusSchema, ReportStatusSchema } from '../../domain/progress.ts';
import { SupervisionMethodSchema } from '../../domain/supervision.ts';
import { BaselineKindSchema } from '../../domain/targets.ts';
import { UnitKindSchema } from '../../domain/units.ts';
import { DateSchema, DocumentHeader, IdSchema, InstantSchema, MonthSchema, YearSchema } from './common.ts';

const TargetRef = z.object({
  id: IdSchema,
  code: z.string(),
  title: z.string(),
  title_en: z.string().nullable(),
  status: ProgressStatusSchema,
  api_url: z.url(),
});

export const TargetDocumentSchema = z
  .object({
    ...DocumentHeader,
    id: IdSchema,
    code: z.string(),
    year: YearSchema,
    title: z.string(),
    title_en: z.string().nullable(),
    description: z.string().nullable(),
    url: z.url(),
    url_en: z.url(),
    unit: z.object({ code: z.string(), name: z.string(), name_en: z.string().nullable(), kind: UnitKindSchema, api_url: z.url() }),
    indicator: z.object({
      code: z.string(),
      name: z.string(),
      name_en: z.string().nullable(),
      category: CategorySchema,
      direction: DirectionSchema,
      measure: z.string().nullable(),
      measure_en: z.string().nullable(),
    }),
    target_value: z.number().nullable(),
    weight: z.number(),
    deadline: DateSchema,
    quality_requirement: z.string().nullable(),
    is_public_commitment: z.boolean(),
    commitment_text: z.string().nullable(),
    responsibility: z
      .object({
        leader: z.object({ name: z.string(), title: z.string().nullable(), title_en: z.string().nullable() }).nullable(),
        department: z.string(),
        person: z.string(),
      })
      .meta({ description: 'The responsibility chain: responsible leader, department and person.' }),
    status: ProgressStatusSchema,
    status_period: MonthSchema.nullable(),
    progress_pct: z.number().nullable(),
    published_at: InstantSchema,
    parent: TargetRef.nullable(),
    children: z.array(TargetRef),
    baselines: z.array(
      z.object({
        kind: BaselineKindSchema,
        year: YearSchema.nullable(),
        peer_name: z.string().nullable(),
        value: z.number(),
        note: z.string().nullable(),
      }),
    ),
    reports: z.array(
      z.object({
        id: IdSchema,
        period: MonthSchema,
        status: ReportStatusSchema,
        actual_value: z.number().nullable(),
        progress_pct: z.number().nullable(),
        result_text: z.string().nullable(),
        progress_text: z.string().nullable(),
        reasons_text: z.string().nullable(),
        remedy_text: z.string().nullable(),
        supersedes_id: IdSchema.nullable(),
        correction_reason: z.string().nullable(),
        superseded_by_id: IdSchema.nullable(),
        in_force: z.boolean(),
        reported_at: InstantSchema,
        due_on: DateSchema,
        is_late: z.boolean(),
      }),
    ),
    supervision_records: z.array(
      z.object({ id: IdSchema, ref: z.string(), method: SupervisionMethodSchema, conducted_on: DateSchema, finding: z.string(), finding_en: z.string().nullable(), score_delta: z.number() }),
    ),
  })
  .meta({ title: 'Target', description: 'One published target: what, who is responsible, against what it was set, and every report on it.' });
export type TargetDocument = z.output<typeof TargetDocumentSchema>;
