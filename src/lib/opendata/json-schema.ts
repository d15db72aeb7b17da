/**
 * The JSON Schemas the API publishes under /api/v1/schemas/<name>.schema.json, generated from the
 * zod schemas the build itself validates against (z.toJSONSchema, draft 2020-12).
 */
import { z } from 'zod';
import { ApiIndexDocumentSchema } from '../schemas/opendata/api-index.ts';
import { BulletinsDocumentSchema } from '../schemas/opendata/api-bulletins.ts';
import { TargetDocumentSchema } from '../schemas/opendata/api-target.ts';
import { UnitDocumentSchema, UnitsDocumentSchema } from '../schemas/opendata/api-units.ts';
import { YearSummaryDocumentSchema } from '../schemas/opendata/api-year-summary.ts';
import { datasetDocumentSchema } from '../schemas/opendata/dataset.ts';
import { DATASETS } from './datasets.ts';
import { absolute, openDataPaths } from './urls.ts';

export const datasetSchemaName = (dataset: string) => `dataset-${dataset}`;

/** Every published schema by name: the API documents, then one per dataset. */
export const SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  index: ApiIndexDocumentSchema,
  units: UnitsDocumentSchema,
  unit: UnitDocumentSchema,
  target: TargetDocumentSchema,
  'year-summary': YearSummaryDocumentSchema,
  bulletins: BulletinsDocumentSchema,
  ...Object.fromEntries(DATASETS.map((d) => [datasetSchemaName(d.name), datasetDocumentSchema(d.name, d.title.en, d.row)])),
};

export function schemaOf(name: string): z.ZodType {
  const schema = SCHEMAS[name];
  if (!schema) throw new Error(`no published schema named ${name}`);
  return schema;
}

/** The JSON Schema document, identified by the address it is published at. */
export function publishedSchema(name: string, site: URL): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schemaOf(name), { target: 'draft-2020-12' });
  return { $schema, $id: absolute(site, openDataPaths.schema(name)), ...rest };
}

/**
 * Validates a document against the schema it will be published with, so the build fails rather
 * than publish a document its own schema rejects. Dataset rows are strict objects: a column that
 * is not declared (and documented) fails the build instead of being published.
 */
export function checked<T>(name: string, document: T): T {
  const result = schemaOf(name).safeParse(document);
  if (!result.success) {
    throw new Error(`open data document "${name}" does not match its schema:\n${z.prettifyError(result.error)}`);
  }
  return result.data as T;
}
