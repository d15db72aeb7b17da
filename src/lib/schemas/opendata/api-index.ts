/** /api/v1/index.json: what the API and the open data offer, with the schema of each document. */
import { z } from 'zod';
import { DocumentHeader, YearSchema } from './common.ts';

export const ApiIndexDocumentSchema = z
  .object({
    ...DocumentHeader,
    documentation: z.url(),
    documents: z.array(
      z.object({
        name: z.string(),
        url_template: z.string().meta({ description: 'The document\'s address; {placeholders} name its parameters.' }),
        schema_url: z.url(),
        description: z.string(),
      }),
    ),
    datasets: z.array(
      z.object({
        name: z.string(),
        title: z.string(),
        schema_url: z.url(),
        years: z.array(z.object({ year: YearSchema, rows: z.number().int().nonnegative(), csv_url: z.url(), json_url: z.url() })),
      }),
    ),
    feeds: z.array(z.object({ title: z.string(), url: z.url(), format: z.enum(['rss', 'json_feed']) })),
  })
  .meta({ title: 'API index', description: 'The documents, datasets and feeds the portal publishes.' });
export type ApiIndexDocument = z.output<typeof ApiIndexDocumentSchema>;
