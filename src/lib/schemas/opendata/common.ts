/** Building blocks shared by the open-data schemas: value formats and the licence. */
import { z } from 'zod';

/** A calendar date, YYYY-MM-DD (Asia/Shanghai). */
export const DateSchema = z.iso.date();
/** An instant in UTC, YYYY-MM-DDTHH:MM:SSZ. */
export const InstantSchema = z.iso.datetime();
/** A reporting month, YYYY-MM. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const YearSchema = z.number().int().min(2000).max(2100);
export const IdSchema = z.number().int().positive();

export const UnitKindSchema = z.enum(['municipal_unit', 'district']);
export const ReportStatusSchema = z.enum(['completed', 'on_track', 'behind', 'not_completed']);
export const TargetStatusSchema = z.enum(['completed', 'on_track', 'behind', 'not_completed', 'no_report']);
export const CategorySchema = z.enum([
  'economic_scale', 'economic_speed', 'economic_quality', 'peoples_benefit',
  'social_progress', 'sustainability', 'party_building', 'key_task',
]);
export const DirectionSchema = z.enum(['higher', 'lower', 'qualitative']);
export const SupervisionMethodSchema = z.enum([
  'monthly_report', 'quarterly_dispatch', 'semiannual_inspection', 'random_check',
  'push_inspection', 'research_inspection', 'open_inspection', 'covert_visit',
]);
export const BulletinKindSchema = z.enum(['monthly', 'quarterly', 'semiannual', 'annual']);
export const AssessmentYearStatusSchema = z.enum(['planning', 'active', 'closed', 'published']);

export const StatusCountsSchema = z.object({
  completed: z.number().int().nonnegative(),
  on_track: z.number().int().nonnegative(),
  behind: z.number().int().nonnegative(),
  not_completed: z.number().int().nonnegative(),
  no_report: z.number().int().nonnegative(),
});
export type StatusCounts = z.output<typeof StatusCountsSchema>;

export const LICENCE = {
  name: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

export const LicenceSchema = z
  .object({
    name: z.literal(LICENCE.name),
    url: z.literal(LICENCE.url),
    attribution: z.string().meta({ description: 'How to credit the source when reusing the data.' }),
  })
  .meta({ description: 'Licence of the data: Creative Commons Attribution 4.0 International.' });
export type Licence = z.output<typeof LicenceSchema>;

/** Every document names the schema it follows, its licence and where it comes from. */
export const DocumentHeader = {
  $schema: z.url().meta({ description: 'The JSON Schema this document follows.' }),
  licence: LicenceSchema,
  source: z.url().meta({ description: 'The portal that published the document.' }),
};
