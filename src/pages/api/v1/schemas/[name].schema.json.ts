/** /api/v1/schemas/<name>.schema.json: the JSON Schema of each API document and dataset file. */
import { schemaPaths, schemaRoute } from '../../../../lib/opendata/routes.ts';
import { keyed } from '../../../../lib/site/cache-keys.ts';

export const getStaticPaths = keyed(schemaPaths, []);
export const GET = schemaRoute;
