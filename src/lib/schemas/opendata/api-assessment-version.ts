/**
 * /api/v1/assessments/<year>/v<N>.json: one published assessment version's results. A published
 * version never changes (a correction is the next version), so neither does this document: cite it
 * to name exactly the results used. /data/<year>/annual-assessments.json holds the version in force.
 */
import { z } from 'zod';
import { AnnualAssessmentRowSchema } from './annual-assessments.ts';
import { DocumentHeader, YearSchema } from './common.ts';

export const AssessmentVersionDocumentSchema = z
  .object({
    ...DocumentHeader,
    year: YearSchema,
    // Not "version": that member is the document's own content hash (document-version.ts).
    assessment_version: z.number().int().min(1),
    published_at: z.iso.datetime(),
    correction_reason: z.string().nullable().meta({ description: 'Why this version corrects the previous one (null for the first).' }),
    url: z.url().meta({ description: 'This version\'s page, which never changes either.' }),
    rows: z.array(AnnualAssessmentRowSchema),
  })
  .meta({ title: 'Assessment version', description: 'The results of one published assessment version, unchanged once published.' });
export type AssessmentVersionDocument = z.output<typeof AssessmentVersionDocumentSchema>;
