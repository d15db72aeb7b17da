/** /api/v1/schemas/<name>.schema.json: the JSON Schema of each API document and dataset file. */
import { schemaPaths, schemaRoute } from '../../../../lib/opendata/routes.ts';

export const getStaticPaths = schemaPaths;
export const GET = schemaRoute;
