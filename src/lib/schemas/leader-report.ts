/** A leader's half-year report as the unit page shows it: submitted on time or late, or not submitted. */
import { z } from 'zod';
import { LeaderReportStatusSchema } from '../domain/leader-reports.ts';

export const LeaderReportSchema = z.object({
  cadre_id: z.number().int(),
  cadre_name: z.string(),
  cadre_title: z.string(),
  cadre_title_en: z.string().nullable(),
  /** YYYY-H1 or YYYY-H2. */
  period: z.string().regex(/^\d{4}-H[12]$/),
  due_on: z.string(),
  status: LeaderReportStatusSchema,
  /** Days after the due date (0 when on time); null when not submitted. */
  days_late: z.number().int().nullable(),
  submitted_on: z.string().nullable(),
  reported_to: z.string().nullable(),
  reported_to_en: z.string().nullable(),
  summary: z.string().nullable(),
  summary_en: z.string().nullable(),
});
export type LeaderReport = z.output<typeof LeaderReportSchema>;
