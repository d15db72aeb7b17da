/** The JSON twin of a dataset's CSV file: the same rows, with the schema, licence and source named. */
import { z } from 'zod';
import { DocumentHeader, YearSchema } from './common.ts';

export function datasetDocumentSchema<Row extends z.ZodObject>(name: string, title: string, row: Row) {
  return z
    .object({
      ...DocumentHeader,
      dataset: z.literal(name),
      year: YearSchema,
      csv: z.url().meta({ description: 'The same rows as CSV (UTF-8 with BOM, RFC 4180).' }),
      rows: z.array(row),
    })
    .meta({ title: `${title} (dataset ${name})` });
}
