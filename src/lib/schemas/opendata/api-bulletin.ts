/**
 * /api/v1/bulletins/<slug>.json: one published bulletin as of its cut-off — its figures and the
 * progress reports they count — so anyone can recompute them. A published bulletin never changes
 * (an erratum is a new bulletin), and neither do the reports filed before its cut-off, so this
 * address is the bulletin's snapshot: its content stays the same for good.
 */
import { z } from 'zod';
import { BulletinFigureRowSchema } from '../../opendata/bulletin-figures.ts';
import { BulletinRowSchema } from './bulletins.ts';
import { DocumentHeader, IdSchema } from './common.ts';

export const BulletinDocumentSchema = z
  .object({
    ...DocumentHeader,
    bulletin: BulletinRowSchema.extend({ url: z.url(), url_en: z.url() }),
    figures: z.array(BulletinFigureRowSchema).meta({ description: 'Every figure the bulletin states (dataset bulletin-figures).' }),
    counted_report_ids: z.array(IdSchema).meta({
      description: 'The progress reports its figures count: those of its year filed before cutoff_at that no correction filed before cutoff_at supersedes (ids in the progress-reports dataset).',
    }),
    progress_reports_url: z.url().meta({ description: 'The progress-reports dataset of the year, where these reports are.' }),
    targets_url: z.url().meta({ description: 'The targets dataset of the year.' }),
  })
  .meta({ title: 'Bulletin', description: 'One published bulletin as of its cut-off: its figures and the ids of the progress reports they count.' });
export type BulletinDocument = z.output<typeof BulletinDocumentSchema>;
