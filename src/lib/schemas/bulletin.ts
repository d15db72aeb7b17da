/** A published bulletin (通报), with its figures and any correction that supersedes it. */
import { z } from 'zod';
import { BulletinKindSchema } from '../domain/bulletins.ts';
import { PeriodFiguresSchema } from './period-figures.ts';

export const BulletinSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  kind: BulletinKindSchema,
  period: z.string(),
  title: z.string(),
  title_en: z.string().nullable(),
  summary: z.string(),
  summary_en: z.string().nullable(),
  body: z.string(),
  body_en: z.string().nullable(),
  /** Figures at the time of publication; absent for bulletins written by hand. */
  stats: PeriodFiguresSchema.nullable(),
  published_at: z.string(),
  /** Only progress reports filed before this moment count in the figures. */
  cutoff_at: z.string(),
  supersedes: z.object({ slug: z.string(), title: z.string(), title_en: z.string().nullable() }).nullable(),
  superseded_by: z.object({ slug: z.string(), title: z.string(), title_en: z.string().nullable() }).nullable(),
  correction_reason: z.string().nullable(),
});
export type Bulletin = z.output<typeof BulletinSchema>;
