/**
 * The JSON Schemas the API publishes under /api/v1/schemas/<name>.schema.json, generated from the
 * zod schemas the build itself validates against (z.toJSONSchema, draft 2020-12).
 */
import { z } from 'zod';
import { ApiIndexDocumentSchema } from '../schemas/opendata/api-index.ts';
import { BulletinsDocumentSchema } from '../schemas/opendata/api-bulletins.ts';
import { BulletinDocumentSchema } from '../schemas/opendata/api-bulletin.ts';
import { AssessmentVersionDocumentSchema } from '../schemas/opendata/api-assessment-version.ts';
import { TargetDocumentSchema } from '../schemas/opendata/api-target.ts';
import { UnitDocumentSchema, UnitsDocumentSchema } from '../schemas/opendata/api-units.ts';
import { RpcsDocumentSchema } from '../schemas/opendata/api-rpcs.ts';
import { YearSummaryDocumentSchema } from '../schemas/opendata/api-year-summary.ts';
import { GeneratedAtSchema, VersionSchema } from '../schemas/opendata/common.ts';
import { datasetDocumentSchema } from '../schemas/opendata/dataset.ts';
import { DATASETS } from './datasets.ts';
import { latestChange, withVersion } from './document-version.ts';
import { absolute, openDataPaths } from './urls.ts';

export const datasetSchemaName = (dataset: string) => `dataset-${dataset}`;

/** Every document's schema by name, without its version: the API documents, then one per dataset. */
const DOCUMENTS: Readonly<Record<string, z.ZodObject>> = {
  index: ApiIndexDocumentSchema,
  units: UnitsDocumentSchema,
  unit: UnitDocumentSchema,
  target: TargetDocumentSchema,
  'year-summary': YearSummaryDocumentSchema,
  bulletins: BulletinsDocumentSchema,
  bulletin: BulletinDocumentSchema,
  'assessment-version': AssessmentVersionDocumentSchema,
  rpcs: RpcsDocumentSchema,
  ...Object.fromEntries(DATASETS.map((d) => [datasetSchemaName(d.name), datasetDocumentSchema(d.name, d.title.en, d.row)])),
};

/** Every published schema by name: the document's, then when its data last changed, then its version as the last member. */
export const SCHEMAS: Readonly<Record<string, z.ZodObject>> = Object.fromEntries(
  Object.entries(DOCUMENTS).map(([name, schema]) => [
    name,
    schema.extend({ generated_at: GeneratedAtSchema, version: VersionSchema }).meta(schema.meta() ?? {}),
  ]),
);

function lookup(schemas: Readonly<Record<string, z.ZodObject>>, name: string): z.ZodObject {
  const schema = schemas[name];
  if (!schema) throw new Error(`no published schema named ${name}`);
  return schema;
}

/** The JSON Schema document, identified by the address it is published at. */
export function publishedSchema(name: string, site: URL): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(lookup(SCHEMAS, name), { target: 'draft-2020-12' });
  return { $schema, $id: absolute(site, openDataPaths.schema(name)), ...rest };
}

/** A document as published: its content, when its data last changed, and its version (last). */
export type Published<T> = T & { generated_at: string | null; version: string };

/**
 * Validates a document against the schema it will be published with, so the build fails rather
 * than publish a document its own schema rejects, and appends its version (the hash of exactly
 * what is published before it). Dataset rows are strict objects: a column that is not declared
 * (and documented) fails the build instead of being published. generated_at is the latest change
 * the document records (latestChange), else `dataTime`: when the data it is drawn from last changed.
 */
export function checked<T extends object>(name: string, document: T, dataTime: string | null): Published<T> {
  const result = lookup(DOCUMENTS, name).safeParse(document);
  if (!result.success) {
    throw new Error(`open data document "${name}" does not match its schema:\n${z.prettifyError(result.error)}`);
  }
  return withVersion({ ...(result.data as T), generated_at: latestChange(result.data) ?? dataTime });
}
